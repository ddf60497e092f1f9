/**
 * The one store of ComfyUI-Account: who is signed in, how, with what credits, and what is
 * running. Components and the host integration read it; only its actions change it.
 */
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'

import { checkApiKeyFormat, maskApiKey } from '@/auth/apiKey/apiKeyFormat'
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import { API_KEY_STORAGE_KEY } from '@/auth/apiKey/apiKeyStorage'
import type { ComfyCredential } from '@/auth/comfyApi/comfyApiClient'
import type { Balance, Customer } from '@/auth/comfyApi/schemas'
import type { FirebaseSession, OAuthProviderId } from '@/auth/firebase/firebaseAuthClient'
import type { ApiErrorKind, ApiKeyErrorKind, AuthErrorKind, Result } from '@/types/errors'
import { fail, ok } from '@/types/errors'
import type { Session, SignInMethod } from '@/types/session'

import { accountServices } from './accountServices'

export type AccountAction =
  'signIn' | 'signUp' | 'resetPassword' | 'sendVerification' | 'oauth' | 'apiKey' | 'signOut'

export interface AccountError {
  action: AccountAction | 'customer' | 'balance'
  kind: AuthErrorKind | ApiErrorKind | ApiKeyErrorKind
  /** For accountExistsWithDifferentCredential: how the address signs in today, when known. */
  existingMethods?: SignInMethod[]
}

export type BalanceState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; balance: Balance | null }
  | { status: 'failed'; reason: ApiErrorKind }

export const useAccountStore = defineStore('comfyAccount', () => {
  // ---- state ----
  /** `undefined` until Firebase has restored its persisted session. */
  const firebaseSession = shallowRef<FirebaseSession | null | undefined>(undefined)
  const storedKey = shallowRef<StoredApiKey | null>(null)
  const keyCustomer = shallowRef<Customer | null>(null)
  /** Set when a stored key was definitively rejected, so the user is asked for a new one. */
  const keyRejectedNotice = ref(false)
  /** "Keep me signed in on this device", for every sign-in method. */
  const remember = ref(true)
  const busy = ref<AccountAction | null>(null)
  const lastError = shallowRef<AccountError | null>(null)
  const balance = shallowRef<BalanceState>({ status: 'idle' })

  // ---- getters ----
  /** Firebase wins over a key when both exist, as in the Comfy API (CONTRACTS §5). */
  const session = computed<Session>(() => {
    const firebase = firebaseSession.value
    if (firebase === undefined) return { status: 'restoring' }
    if (firebase) return { status: 'signedIn', ...firebase }
    if (storedKey.value) {
      const customer = keyCustomer.value
      return {
        status: 'signedIn',
        method: 'apiKey',
        profile: {
          id: customer?.id ?? 'api-key',
          email: customer?.email ?? null,
          displayName: customer?.name ?? null,
          photoUrl: null,
          emailVerified: false
        }
      }
    }
    return { status: 'signedOut' }
  })
  const isSignedIn = computed(() => session.value.status === 'signedIn')
  const profile = computed(() => (session.value.status === 'signedIn' ? session.value.profile : null))
  const method = computed(() => (session.value.status === 'signedIn' ? session.value.method : null))
  const maskedKey = computed(() => (storedKey.value ? maskApiKey(storedKey.value.key) : null))
  /** A key is stored but a Firebase session is the one in use. */
  const keyShadowed = computed(() => Boolean(storedKey.value && firebaseSession.value))

  // ---- actions ----
  let started: Promise<void> | undefined
  /** Bumped whenever the signed-in identity changes; late answers for an older one are dropped. */
  let generation = 0
  /** The background re-check of a stored key (tests await it). */
  let keyCheck: Promise<void> = Promise.resolve()
  /**
   * The generation (Firebase sign-in) whose Comfy customer is not known to exist yet: set at
   * sign-in until POST /customers succeeds. If that failed (5xx, timeout, offline), the balance
   * would only be a 404 ("no credits yet"), so the next refresh creates the customer first.
   */
  let customerMissingFor: number | undefined
  /** What start() listens to; `$dispose()` stops it (tests create one store after another). */
  const stopFollowing: Array<() => void> = []
  onScopeDispose(() => stopFollowing.splice(0).forEach((stop) => stop()))

  function identityOf(firebase: FirebaseSession | null | undefined, key: StoredApiKey | null): string {
    return firebase ? `firebase:${firebase.profile.id}` : key ? `key:${key.key}` : ''
  }

  function update(next: { firebase?: FirebaseSession | null; key?: StoredApiKey | null }): void {
    const before = identityOf(firebaseSession.value, storedKey.value)
    if ('firebase' in next) firebaseSession.value = next.firebase
    if ('key' in next) {
      // The customer belongs to one key: a new key must not show the old key's name.
      if (next.key?.key !== storedKey.value?.key) keyCustomer.value = null
      storedKey.value = next.key ?? null
    }
    if (identityOf(firebaseSession.value, storedKey.value) !== before) {
      generation++
      balance.value = { status: 'idle' }
    }
  }

  /** Restores the persisted session and follows changes, also those made in other tabs. */
  function start(): Promise<void> {
    started ??= (async () => {
      const { firebase, apiKeys } = accountServices()
      update({ key: apiKeys.read() })
      const onStorage = (event: StorageEvent | CustomEvent<{ key?: unknown } | undefined>): void => {
        const key = event instanceof StorageEvent ? event.key : event.detail?.key
        if (key !== API_KEY_STORAGE_KEY && key !== null) return
        const before = storedKey.value?.key
        update({ key: apiKeys.read() })
        // A key saved by another tab or by ComfyUI's own page: find out whose it is (and whether
        // Comfy takes it). Before the restore is done, the check below covers it.
        if (storedKey.value && storedKey.value.key !== before && firebaseSession.value !== undefined) {
          keyCheck = recheckStoredKey()
        }
      }
      // Other tabs fire 'storage'; ComfyUI's own page, in this tab, fires 'storage' (VueUse 13+)
      // or VueUse's older same-tab event 'vueuse-storage'.
      const storageEvents = ['storage', 'vueuse-storage'] as const
      for (const name of storageEvents) globalThis.addEventListener?.(name, onStorage as EventListener)
      stopFollowing.push(
        () =>
          storageEvents.forEach((name) => globalThis.removeEventListener?.(name, onStorage as EventListener)),
        firebase.onChange((next) => update({ firebase: next }))
      )
      update({ firebase: await firebase.ready })
      if (storedKey.value) keyCheck = recheckStoredKey()
    })()
    return started
  }

  /** Only a definitive 401/403 counts against a stored key; being offline never does. */
  async function recheckStoredKey(): Promise<void> {
    const asked = storedKey.value
    if (!asked) return
    const result = await accountServices().comfyApi.verifyApiKey(asked.key)
    if (storedKey.value?.key !== asked.key) return
    if (result.ok) {
      keyCustomer.value = result.value
    } else if (result.reason === 'unauthorized') {
      accountServices().apiKeys.clear()
      update({ key: null })
      keyRejectedNotice.value = true
    }
  }

  async function run<T extends Result<unknown, string>>(
    action: AccountAction,
    work: () => Promise<T>
  ): Promise<T> {
    busy.value = action
    lastError.value = null
    try {
      const result = await work()
      if (!result.ok) lastError.value = { action, kind: result.reason as AccountError['kind'] }
      return result
    } finally {
      busy.value = null
    }
  }

  /** After a Firebase sign-in: create-or-get the Comfy customer. Its failure keeps the sign-in. */
  async function afterFirebaseSignIn(result: Result<FirebaseSession, AuthErrorKind>) {
    if (!result.ok) return result
    update({ firebase: result.value })
    // The balance only exists once the customer does; nobody should ask for it before.
    balance.value = { status: 'loading' }
    customerMissingFor = generation
    if (await createCustomer(generation)) await refreshBalance()
    return result
  }

  /** Create-or-get the customer of `asked`; `false` when that failed (the card then says why). */
  async function createCustomer(asked: number): Promise<boolean> {
    const customer = await accountServices().comfyApi.createCustomer()
    if (asked !== generation) return false
    if (!customer.ok) {
      lastError.value = { action: 'customer', kind: customer.reason }
      balance.value = { status: 'failed', reason: customer.reason }
      return false
    }
    customerMissingFor = undefined
    if (lastError.value?.action === 'customer') lastError.value = null
    return true
  }

  async function signInWithEmail(email: string, password: string) {
    const result = await run('signIn', () =>
      accountServices().firebase.signInWithEmail(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result)
  }

  async function createAccount(email: string, password: string) {
    const result = await run('signUp', () =>
      accountServices().firebase.createAccount(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result)
  }

  async function signInWithProvider(provider: OAuthProviderId) {
    const result = await run('oauth', () =>
      accountServices().firebase.signInWithProvider(provider, { remember: remember.value })
    )
    if (!result.ok && result.existingMethods) {
      lastError.value = { action: 'oauth', kind: result.reason, existingMethods: result.existingMethods }
    }
    return afterFirebaseSignIn(result)
  }

  /** Verifies the key with the Comfy API before anything is stored (CONTRACTS §5). */
  async function signInWithApiKey(raw: string): Promise<Result<Customer, ApiKeyErrorKind | 'keyFormat'>> {
    const format = checkApiKeyFormat(raw)
    if (!format.ok) return fail('keyFormat')
    return run('apiKey', async () => {
      const { comfyApi, apiKeys } = accountServices()
      const verified = await comfyApi.verifyApiKey(format.key)
      if (!verified.ok)
        return fail(verified.reason === 'unauthorized' ? 'keyRejected' : 'keyCheckUnavailable')
      // Known here before storage announces it, so the storage listener does not check it again.
      update({ key: { key: format.key, remembered: remember.value } })
      keyCustomer.value = verified.value
      const stored = apiKeys.write(format.key, remember.value)
      if (stored !== 'remembered') update({ key: { key: format.key, remembered: false } })
      keyRejectedNotice.value = false
      await refreshBalance()
      // Signed in for this tab even when the browser would not keep the key as asked.
      const asAsked = stored === (remember.value ? 'remembered' : 'tabOnly')
      return asAsked ? ok(verified.value) : fail('storageUnavailable')
    })
  }

  function sendPasswordReset(email: string) {
    return run('resetPassword', () => accountServices().firebase.sendPasswordReset(email.trim()))
  }

  function sendVerificationEmail() {
    return run('sendVerification', () => accountServices().firebase.sendVerificationEmail())
  }

  /** Picks up changes made elsewhere, such as a verified email address. */
  async function refreshProfile(): Promise<void> {
    if (!firebaseSession.value) return
    const asked = generation
    const result = await accountServices().firebase.refreshProfile()
    if (asked === generation && result.ok && result.value) update({ firebase: result.value })
  }

  async function refreshBalance(): Promise<void> {
    if (!isSignedIn.value) return
    const asked = generation
    balance.value = { status: 'loading' }
    if (customerMissingFor === asked && !(await createCustomer(asked))) return
    const result = await accountServices().comfyApi.getBalance()
    if (asked !== generation) return
    balance.value = result.ok
      ? { status: 'loaded', balance: result.value }
      : { status: 'failed', reason: result.reason }
  }

  /** For views: loads the balance once, unless a sign-in in progress is about to. */
  async function loadBalanceIfNeeded(): Promise<void> {
    if (balance.value.status === 'idle' && busy.value === null) await refreshBalance()
  }

  /** The credential for the Comfy API right now: a fresh ID token, else the stored key. */
  async function credential({ forceRefresh = false } = {}): Promise<
    Result<ComfyCredential | null, AuthErrorKind>
  > {
    if (firebaseSession.value) {
      const token = await accountServices().firebase.getIdToken(
        forceRefresh ? Number.POSITIVE_INFINITY : undefined
      )
      return token.ok ? ok({ kind: 'firebase', idToken: token.value }) : token
    }
    return ok(storedKey.value ? { kind: 'apiKey', key: storedKey.value.key } : null)
  }

  /** The Comfy API refused the session even with a fresh credential: sign out, and say why. */
  async function handleUnauthorized(): Promise<void> {
    const wasKey = !firebaseSession.value && storedKey.value
    await signOut()
    if (wasKey) keyRejectedNotice.value = true
    else lastError.value = { action: 'signIn', kind: 'unauthorized' }
  }

  /** Signs out of Firebase and forgets every credential and cached account detail. */
  async function signOut(): Promise<void> {
    busy.value = 'signOut'
    const { firebase, apiKeys } = accountServices()
    try {
      apiKeys.clear()
      await firebase.signOut()
    } finally {
      $reset()
    }
  }

  function $reset(): void {
    generation++
    firebaseSession.value = firebaseSession.value === undefined ? undefined : null
    storedKey.value = null
    keyCustomer.value = null
    keyRejectedNotice.value = false
    remember.value = true
    busy.value = null
    lastError.value = null
    balance.value = { status: 'idle' }
  }

  function clearError(): void {
    lastError.value = null
  }

  return {
    firebaseSession,
    storedKey,
    keyCustomer,
    keyRejectedNotice,
    remember,
    busy,
    lastError,
    balance,
    session,
    isSignedIn,
    profile,
    method,
    maskedKey,
    keyShadowed,
    keyCheck: () => keyCheck,
    start,
    signInWithEmail,
    createAccount,
    signInWithProvider,
    signInWithApiKey,
    sendPasswordReset,
    sendVerificationEmail,
    refreshProfile,
    refreshBalance,
    loadBalanceIfNeeded,
    credential,
    handleUnauthorized,
    signOut,
    clearError,
    $reset
  }
})
