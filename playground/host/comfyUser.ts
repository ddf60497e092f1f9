// ComfyUI's own users (`--multi-user`), not an account: Comfy-Org/ComfyUI_frontend's user store
// (src/stores/userStore.ts) and its router guard. On a multi-user server the chosen user is
// `localStorage['Comfy.userId']`, set as `api.user` (the `Comfy-User` header, which picks the
// server's per-user settings) before the app boots; without one, the user-select page comes first.
// The playground asks for a multi-user answer with `?multiUser=1` (remembered, like `?builtinUser=`)
// or gets one from a server started with `--multi-user`.
import type { ComfyApi } from './api'

const FLAG_KEY = 'playground.multiUser'
const USER_ID_KEY = 'Comfy.userId'
const USER_NAME_KEY = 'Comfy.userName'

export interface ComfyUser {
  id: string
  name: string
}

export interface ComfyUsers {
  /** The server's answer had `users`: pages must run as one of them. */
  multiUser: boolean
  /** User id -> username; empty on a single-user server. */
  users: Record<string, string>
  /** The remembered user if the server knows it; null otherwise (and always in single-user mode). */
  current: ComfyUser | null
}

/** OFF unless switched on; `?multiUser=0|1` wins and is remembered for later reloads. */
export function readMultiUserFlag(): boolean {
  const param = new URLSearchParams(location.search).get('multiUser')
  if (param === '0' || param === '1') localStorage.setItem(FLAG_KEY, param)
  return localStorage.getItem(FLAG_KEY) === '1'
}

/** The user store's `initialize`, plus the remembered user resolved against the list. */
export async function loadComfyUsers(api: ComfyApi): Promise<ComfyUsers> {
  const config = await api.getUserConfig()
  const users = config.users ?? {}
  const multiUser = config.users !== undefined
  const id = localStorage.getItem(USER_ID_KEY)
  const name = id === null ? undefined : users[id]
  return { multiUser, users, current: multiUser && id !== null && name !== undefined ? { id, name } : null }
}

/** The user store's `createUser`: the server answers the new id, or an error to show. */
export async function createComfyUser(api: ComfyApi, username: string): Promise<ComfyUser> {
  const res = await api.createUser(username)
  if (!res.ok) {
    const text = await res.text()
    let message = text || res.statusText
    try {
      const body = JSON.parse(text) as { error?: unknown }
      if (typeof body.error === 'string') message = body.error
    } catch {
      // Plain-text error body: already in `message`.
    }
    throw new Error(`Error creating user: ${message}`)
  }
  return { id: (await res.json()) as string, name: username.trim() }
}

/** The user store's `login`: remembered for every later load. */
export function rememberComfyUser(user: ComfyUser): void {
  localStorage.setItem(USER_ID_KEY, user.id)
  localStorage.setItem(USER_NAME_KEY, user.name)
}

/** "Switch user" (ComfyUI's user logout): forget the user and reload, which shows the select page. */
export function signOutComfyUser(): void {
  localStorage.removeItem(USER_ID_KEY)
  localStorage.removeItem(USER_NAME_KEY)
  location.reload()
}
