// The host's API-key store (ComfyUI_frontend src/stores/apiKeyAuthStore.ts; docs/host-contract.md, "The Comfy API"): the
// key lives in localStorage['comfy_api_key'] and, whenever it is set (at creation too), is checked
// with POST /customers. A failed check FOR ANY REASON removes the key: that is how a Comfy API
// outage at start-up makes real 1.45 forget a stored key, and the playground must do the same.
import { useLocalStorage } from '@vueuse/core'
import { computed, nextTick, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'

import { t } from '../i18n'
import type { ToastApi } from '../toast'

export const API_KEY_STORAGE_KEY = 'comfy_api_key'

/**
 * How long the check may take. The real host sets no limit of its own, so only the browser's
 * network timeout (minutes) ends a hung request; this stands in for it, long enough that a test's
 * "slow Comfy API" is still a slow answer rather than a failure.
 */
export const KEY_CHECK_TIMEOUT_MS = 30_000

/** The customer record POST /customers returns (only the fields the host shows). */
export interface ComfyCustomer {
  id: string
  email?: string
  name?: string
}

export interface ApiKeyStore {
  /**
   * VueUse's `useLocalStorage(key, null)`, as in the real store: it sees other tabs' writes
   * (storage event) and its own, NOT a raw same-tab `localStorage.setItem` until reload.
   */
  apiKey: Ref<string | null>
  /** The customer the key belongs to, once checked. */
  currentUser: Readonly<ShallowRef<ComfyCustomer | null>>
  isAuthenticated: ComputedRef<boolean>
  storeApiKey(key: string): void
  clearStoredApiKey(): void
}

export function createApiKeyStore(deps: {
  comfyApiUrl: string
  /**
   * The real check goes through the auth store's `getAuthHeader()`, which prefers the Firebase
   * token: while the host is signed in with Firebase, the key is "checked" with that token.
   */
  firebaseToken: () => Promise<string | undefined>
  toast: ToastApi
}): ApiKeyStore {
  const { comfyApiUrl, firebaseToken, toast } = deps
  const apiKey = useLocalStorage<string | null>(API_KEY_STORAGE_KEY, null)
  const currentUser = shallowRef<ComfyCustomer | null>(null)

  async function createCustomer(key: string): Promise<ComfyCustomer | null> {
    try {
      const token = await firebaseToken()
      const response = await fetch(`${comfyApiUrl}/customers`, {
        method: 'POST',
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : { 'X-API-KEY': key }),
          'Content-Type': 'application/json'
        },
        signal: AbortSignal.timeout(KEY_CHECK_TIMEOUT_MS)
      })
      if (!response.ok) return null
      const customer = (await response.json()) as Partial<ComfyCustomer> | null
      return customer?.id ? (customer as ComfyCustomer) : null
    } catch {
      return null // network error, timeout, a body that is not JSON: all a failed check
    }
  }

  async function checkKey(key: string): Promise<void> {
    const customer = await createCustomer(key)
    if (apiKey.value !== key) return // replaced or removed meanwhile: this answer is stale
    if (!customer) {
      apiKey.value = null // VueUse removes the item for null
      // The real host throws an unhandled rejection here; one warning is easier to filter in tests.
      console.warn('[playground host] API key check failed; key removed')
      return
    }
    currentUser.value = customer
  }

  watch(
    apiKey,
    async (key) => {
      if (!key) {
        currentUser.value = null
        return
      }
      // As in the real store: let a quick succession of writes settle, check only the last one.
      await nextTick()
      if (apiKey.value === key) void checkKey(key)
    },
    { immediate: true }
  )

  return {
    apiKey,
    currentUser,
    isAuthenticated: computed(() => currentUser.value !== null),
    storeApiKey(key) {
      apiKey.value = key
      toast.add({ severity: 'success', summary: t('auth.apiKeyStored'), life: 5000 })
    },
    // Synchronous on purpose: the real `clearStoredApiKey` removes the key before its first await,
    // i.e. inside the click that asked for it.
    clearStoredApiKey() {
      apiKey.value = null
      toast.add({ severity: 'success', summary: t('auth.apiKeyCleared'), life: 5000 })
    }
  }
}
