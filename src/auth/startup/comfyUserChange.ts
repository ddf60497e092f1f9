/**
 * Which ComfyUI user a Comfy session belongs to, on a server started with `--multi-user`.
 *
 * People sharing one browser switch ComfyUI users on the user-select page; each switch reloads
 * the page (docs/host-contract.md, "Shared servers"). Any Comfy session found at a start-up where
 * the ComfyUI user is not the one of the previous page load was made by somebody else. So we
 * only need to remember the ComfyUI user of the last page load: an id, no secret.
 */
export const LAST_COMFY_USER_STORAGE_KEY = 'comfy-account:comfy-user'

/**
 * Records `user` as this page load's ComfyUI user and returns the previous one when it was a
 * different user, else `null`. Single-user servers (`user` empty) record nothing.
 */
export function noteComfyUser(user: string, storage: () => Storage = () => localStorage): string | null {
  if (!user) return null
  try {
    const previous = storage().getItem(LAST_COMFY_USER_STORAGE_KEY)
    storage().setItem(LAST_COMFY_USER_STORAGE_KEY, user)
    return previous !== null && previous !== user ? previous : null
  } catch {
    return null // no storage (private mode, sandboxed frames): no session can persist either
  }
}
