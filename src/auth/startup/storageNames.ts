/**
 * Where the Comfy API key is kept: ComfyUI's own page keeps a remembered key in
 * `localStorage['comfy_api_key']` (docs/host-contract.md, "The Comfy API key"), and we keep our
 * copy of it next to it. Here, apart from the key storage itself, because the start-up file
 * needs only the names.
 */
export const API_KEY_STORAGE_KEY = 'comfy_api_key'
export const KEY_COPY_STORAGE_KEY = 'comfy-account:api-key'
