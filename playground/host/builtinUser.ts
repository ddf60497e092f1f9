// The host's own "User" page and what stands behind it, as shipped by ComfyUI frontends from about
// 1.16 (docs/host-contract.md, "Settings dialog"): the host's Firebase auth store and its API-key store. Forks without
// the page are emulated by turning it off (toggle, `?builtinUser=0`): then the host has no
// Firebase and no stores at all.
import { computed, effectScope, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'

import { createApiKeyStore, type ApiKeyStore } from './account/apiKeyStore'
import { createHostAuth, type HostAuth } from './account/hostAuth'
import { hostAccountConfig, startHostFirebase } from './account/hostFirebase'
import type { HostVersion } from './hostVersion'
import type { ToastApi } from './toast'

const FLAG_KEY = 'playground.builtinUser'

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
  version: HostVersion
  comfyApiUrl: string
  auth: HostAuth
  /** The API-key store once created; null before that (1.24 creates it on first use). */
  keyStore: Readonly<ShallowRef<ApiKeyStore | null>>
  /** Pinia's `useApiKeyAuthStore()`: the store, created by the first call. */
  useKeyStore(): ApiKeyStore
  /**
   * useCurrentUser's `isApiKeyLogin`: a checked key. 1.24 counts it even next to a Firebase user;
   * 1.45 only when no Firebase user is signed in.
   */
  isApiKeyLogin: ComputedRef<boolean>
  /** Signed in with Firebase or with a checked key (shows the Credits page). */
  isLoggedIn: ComputedRef<boolean>
  /** The Comfy API header the host sends: the Firebase token wins, else the key. */
  authHeader(): Promise<Record<string, string> | null>
  /** What app.queuePrompt puts on `api`: both, independently, as the real host does. */
  credentials(): Promise<{ authToken: string | undefined; apiKey: string | undefined }>
  signInDialogVisible: Ref<boolean>
  openSignInDialog(): void
}

export function createBuiltinUser(deps: { version: HostVersion; toast: ToastApi }): BuiltinUser {
  const { version, toast } = deps
  const config = hostAccountConfig()
  const comfyApiUrl = config.comfyApiBaseUrl
  // Both real hosts create their auth store at start-up.
  const auth = createHostAuth(startHostFirebase(), comfyApiUrl)

  const keyStore = shallowRef<ApiKeyStore | null>(null)
  /** Its own detached scope, as Pinia gives a store: it outlives the component that created it. */
  const keyStoreScope = effectScope(true)
  function useKeyStore(): ApiKeyStore {
    const store =
      keyStore.value ??
      keyStoreScope.run(() => createApiKeyStore({ comfyApiUrl, firebaseToken: auth.getIdToken, toast }))
    if (!store) throw new Error('The API-key store scope was stopped.')
    keyStore.value = store
    return store
  }

  const hasFirebaseUser = computed(() => auth.currentUser.value !== null)
  const isApiKeyLogin = computed(
    () => (keyStore.value?.isAuthenticated.value ?? false) && (version === '1.24' || !hasFirebaseUser.value)
  )
  const signInDialogVisible = ref(false)

  return {
    version,
    comfyApiUrl,
    auth,
    keyStore,
    useKeyStore,
    isApiKeyLogin,
    isLoggedIn: computed(() => hasFirebaseUser.value || isApiKeyLogin.value),
    async authHeader(): Promise<Record<string, string> | null> {
      const token = await auth.getIdToken()
      if (token) return { Authorization: `Bearer ${token}` }
      const key = useKeyStore().apiKey.value
      return key ? { 'X-API-KEY': key } : null
    },
    async credentials() {
      const authToken = await auth.getIdToken()
      // Reading the key is `useApiKeyAuthStore().getApiKey()` in the real queuePrompt, so the
      // first queue creates the store in 1.24 as well.
      return { authToken, apiKey: useKeyStore().apiKey.value ?? undefined }
    },
    signInDialogVisible,
    openSignInDialog() {
      useKeyStore() // the real dialog's API-key form uses the store
      signInDialogVisible.value = true
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
