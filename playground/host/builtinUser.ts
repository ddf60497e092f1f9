// The host's own "User" page, as shipped by ComfyUI frontends from about 1.16 (CONTRACTS §2).
// The playground's version only knows the API key the real page stores in
// localStorage['comfy_api_key']; it has no Firebase of its own. Forks without the page are
// emulated by turning it off (toggle, `?builtinUser=0`).
import { useLocalStorage } from '@vueuse/core'
import type { Ref } from 'vue'

const FLAG_KEY = 'playground.builtinUser'
export const API_KEY_STORAGE_KEY = 'comfy_api_key'

/** ON unless switched off; `?builtinUser=0|1` wins and is remembered for later reloads. */
export function readBuiltinUserFlag(): boolean {
  const param = new URLSearchParams(location.search).get('builtinUser')
  if (param === '0' || param === '1') localStorage.setItem(FLAG_KEY, param)
  return localStorage.getItem(FLAG_KEY) !== '0'
}

/** Persists the flag and reloads without the query parameter, so the new value takes effect. */
export function changeBuiltinUserFlag(enabled: boolean): void {
  localStorage.setItem(FLAG_KEY, enabled ? '1' : '0')
  const url = new URL(location.href)
  url.searchParams.delete('builtinUser')
  location.assign(url.toString())
}

export interface BuiltinUser {
  /**
   * The key as the host sees it. Like ComfyUI's apiKeyAuthStore this is VueUse's
   * `useLocalStorage(key, null)`: it picks up other tabs' writes (storage event) and its own,
   * but NOT a raw `localStorage.setItem` from the same tab until reload (CONTRACTS §5).
   * A null default also means nothing is written to storage while signed out.
   */
  apiKey: Ref<string | null>
  /** What app.queuePrompt puts on `api` before each submission. */
  credentials(): { authToken: string | undefined; apiKey: string | undefined }
  logout(): void
}

export function createBuiltinUser(): BuiltinUser {
  const apiKey = useLocalStorage<string | null>(API_KEY_STORAGE_KEY, null)
  return {
    apiKey,
    // No Firebase in the playground's host: its token is always absent.
    credentials: () => ({ authToken: undefined, apiKey: apiKey.value ?? undefined }),
    logout() {
      apiKey.value = null // VueUse removes the item for null
    }
  }
}

/** `comfyui-…abcd`: enough to recognise a key, never the key. */
export function maskApiKey(key: string): string {
  const prefix = key.startsWith('comfyui-') ? 'comfyui-' : ''
  return `${prefix}…${key.slice(-4)}`
}

/** `eyJhbG…`: the first 6 characters of a token. */
export function maskToken(token: string): string {
  return `${token.slice(0, 6)}…`
}
