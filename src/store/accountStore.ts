/**
 * The one store of ComfyUI-Account: who is signed in, how, with what credits, and what is
 * running. Components and the host integration read it; only its actions change it.
 */
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'

import { checkApiKeyFormat, maskApiKey } from '@/auth/apiKey/apiKeyFormat'
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from '@/auth/apiKey/apiKeyStorage'
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
  /**
   * What the user typed in the sign-in forms, kept while our section is unmounted (switching
   * settings pages). Here rather than in the form so that every way out clears it; passwords and
   * keys are never kept.
   */
  const draftEmail = ref('')
  const draftMode = ref<'signIn' | 'signUp' | 'reset'>('signIn')

  // ---- getters ----
  /** Firebase wins over a key when both exist, as in the Comfy API (docs/host-contract.md, "The Comfy API"). */
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
  /**
   * ComfyUI's own account page cannot see this session (kept for this tab only, or a key it
   * deleted after a failed check), so it shows the user signed out; prompts still carry it.
   */
  const hiddenFromHost = computed<'tabOnly' | 'keyHeld' | null>(() => {
    if (!accountServices().hostHasAccountPage || session.value.status !== 'signedIn') return null
    if (firebaseSession.value) return firebaseSession.value.remembered ? null : 'tabOnly'
    if (storedKey.value?.held) return 'keyHeld'
    return storedKey.value?.remembered === false ? 'tabOnly' : null
  })

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
  onScopeDispose(() => {
    stopFollowing.splice(0).forEach((stop) => stop())
    cancelHandBack()
    clearTimeout(signOutRetry)
  })
  /** True while we change the stored key ourselves, so our own storage events are not taken for ComfyUI's. */
  let writingKeys = false
  /** Handing a held key back to ComfyUI: the retry timer, and how often it was handed back. */
  let handBackTimer: ReturnType<typeof setTimeout> | undefined
  let handBackAttempts = 0
  let handedBack = 0
  /** Bumped by every log out: a sign-in still under way when it happened must not undo it. */
  let logOuts = 0
  /** Retries a log out the browser's storage refused. */
  let signOutRetry: ReturnType<typeof setTimeout> | undefined

  function ownKeyWrite<T>(write: () => T): T {
    writingKeys = true
    try {
      return write()
    } finally {
      writingKeys = false
    }
  }

  /**
   * A remembered key saved by ComfyUI's own page (or an earlier version) gets our copy, before
   * ComfyUI's next failed check could delete it. Only for what this tab saw: copying on another
   * tab's news could bring back a copy that tab's log out has just removed.
   */
  function keepCopyOfStoredKey(): void {
    const key = storedKey.value
    if (key?.remembered && !key.held) ownKeyWrite(() => accountServices().apiKeys.keepCopy(key.key))
  }

  function cancelHandBack(): void {
    clearTimeout(handBackTimer)
    handBackTimer = undefined
  }

  /** Fire-and-forget work started by an event; its failure is logged, never lost. */
  function inBackground(work: Promise<unknown>): void {
    work.catch((error: unknown) => console.error('[ComfyUI-Account]', error))
  }

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
      const { firebase, apiKeys, userGesture } = accountServices()
      update({ key: apiKeys.read() })
      keepCopyOfStoredKey()
      const onStorage = (
        event: StorageEvent | CustomEvent<{ key?: unknown; newValue?: unknown } | undefined>
      ): void => {
        const fromThisTab = !event.isTrusted
        const detail = event instanceof StorageEvent ? event : event.detail
        const key = detail?.key
        if (key !== API_KEY_STORAGE_KEY && key !== KEY_COPY_STORAGE_KEY && key !== null) return
        if (writingKeys) return
        const before = storedKey.value
        // ComfyUI's own page, in this tab, removed the key we use: a log out asked for by a click,
        // or its key check failing (docs/host-contract.md, "The Comfy API key").
        const removedByHost =
          fromThisTab && key === API_KEY_STORAGE_KEY && detail?.newValue == null && before?.remembered
        if (removedByHost && userGesture.inProgress()) {
          inBackground(signOut())
          return
        }
        update({ key: apiKeys.read() })
        if (fromThisTab) keepCopyOfStoredKey()
        const now = storedKey.value
        if (!now || firebaseSession.value === undefined) return // the restore below checks it
        if (now.held) {
          // Only the tab that saw ComfyUI remove it checks and hands it back; other tabs follow
          // our copy (another tab's writes can reach this one in either order).
          if (!before?.held && fromThisTab) keyCheck = recheckStoredKey()
        } else if (now.key !== before?.key || before?.held) {
          // A key saved by another tab or by ComfyUI's own page: whose is it (and is it valid)?
          keyCheck = recheckStoredKey()
        }
      }
      // Other tabs fire 'storage'; ComfyUI's own page, in this tab, fires 'storage' (VueUse 13+)
      // or VueUse's older same-tab event 'vueuse-storage'.
      const storageEvents = ['storage', 'vueuse-storage'] as const
      for (const name of storageEvents) globalThis.addEventListener?.(name, onStorage as EventListener)
      const onOnline = (): void => {
        if (storedKey.value?.held) keyCheck = recheckStoredKey()
      }
      globalThis.addEventListener?.('online', onOnline)
      stopFollowing.push(
        () => {
          storageEvents.forEach((name) => globalThis.removeEventListener?.(name, onStorage as EventListener))
          globalThis.removeEventListener?.('online', onOnline)
        },
        firebase.onChange((next) => update({ firebase: next })),
        // ComfyUI's own log out (or another tab's) ended the shared session: one log out ends
        // all, unless this tab had signed in for itself alone.
        firebase.onSignedOutElsewhere(() => {
          if (firebaseSession.value?.remembered !== false) inBackground(signOut())
        })
      )
      update({ firebase: await firebase.ready })
      if (storedKey.value) keyCheck = recheckStoredKey()
    })()
    return started
  }

  /**
   * Only a definitive 401/403 counts against a stored key; being offline never does. A held key
   * (deleted by ComfyUI's failed check) is handed back to ComfyUI once Comfy accepts it again.
   */
  async function recheckStoredKey(): Promise<void> {
    const asked = storedKey.value
    if (!asked) return
    cancelHandBack()
    const result = await accountServices().comfyApi.verifyApiKey(asked.key)
    if (storedKey.value?.key !== asked.key) return
    if (result.ok) {
      keyCustomer.value = result.value
      handBackAttempts = 0
      if (storedKey.value.held) handBack(asked.key)
    } else if (result.reason === 'unauthorized') {
      ownKeyWrite(() => accountServices().apiKeys.clear())
      update({ key: null })
      keyRejectedNotice.value = true
    } else if (storedKey.value.held) {
      // Comfy cannot be reached: try again later (and when the browser is back online).
      const delays = [15_000, 30_000, 60_000, 120_000, 300_000]
      const delay = delays[Math.min(handBackAttempts++, delays.length - 1)]
      handBackTimer = setTimeout(() => {
        keyCheck = recheckStoredKey()
      }, delay)
    }
  }

  /**
   * Gives ComfyUI its `comfy_api_key` back. Its store checks the key again when it hears of it;
   * should that check keep failing while ours passes, we stop after three hand-backs rather than
   * loop, and keep the key held (prompts still carry it).
   */
  function handBack(key: string): void {
    if (handedBack >= 3) return
    handedBack++
    ownKeyWrite(() => accountServices().apiKeys.write(key, true))
    update({ key: accountServices().apiKeys.read() })
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
  async function afterFirebaseSignIn(result: Result<FirebaseSession, AuthErrorKind>, askedAt: number) {
    if (!result.ok) return result
    if (askedAt !== logOuts) {
      // Logged out while this sign-in was under way: the log out wins.
      await accountServices()
        .firebase.signOut()
        .catch(() => undefined)
      return result
    }
    // One credential at a time: a stored key would otherwise ride on ComfyUI's prompts (it sends
    // the key it holds) next to, or instead of, the account just signed in to.
    if (storedKey.value) ownKeyWrite(() => accountServices().apiKeys.clear())
    update({ firebase: result.value, key: null })
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
    const askedAt = logOuts
    const result = await run('signIn', () =>
      accountServices().firebase.signInWithEmail(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result, askedAt)
  }

  async function createAccount(email: string, password: string) {
    const askedAt = logOuts
    const result = await run('signUp', () =>
      accountServices().firebase.createAccount(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result, askedAt)
  }

  async function signInWithProvider(provider: OAuthProviderId) {
    const askedAt = logOuts
    const result = await run('oauth', () =>
      accountServices().firebase.signInWithProvider(provider, { remember: remember.value })
    )
    if (!result.ok && result.existingMethods) {
      lastError.value = { action: 'oauth', kind: result.reason, existingMethods: result.existingMethods }
    }
    return afterFirebaseSignIn(result, askedAt)
  }

  /** Verifies the key with the Comfy API before anything is stored (docs/host-contract.md, "The Comfy API"). */
  async function signInWithApiKey(raw: string): Promise<Result<Customer, ApiKeyErrorKind | 'keyFormat'>> {
    const format = checkApiKeyFormat(raw)
    if (!format.ok) return fail('keyFormat')
    const askedAt = logOuts
    return run('apiKey', async () => {
      const { comfyApi, apiKeys } = accountServices()
      const verified = await comfyApi.verifyApiKey(format.key)
      if (!verified.ok)
        return fail(verified.reason === 'unauthorized' ? 'keyRejected' : 'keyCheckUnavailable')
      // Logged out while the key was being checked: the log out wins, nothing is stored.
      if (askedAt !== logOuts) return verified
      // One credential at a time: the key replaces a Firebase session (ComfyUI's shared one too).
      if (firebaseSession.value) await accountServices().firebase.signOut()
      update({ firebase: null, key: { key: format.key, remembered: remember.value } })
      keyCustomer.value = verified.value
      handedBack = 0
      const stored = ownKeyWrite(() => apiKeys.write(format.key, remember.value))
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
    const session = firebaseSession.value
    if (session) {
      const token = await accountServices().firebase.getIdToken(
        forceRefresh ? Number.POSITIVE_INFINITY : undefined
      )
      if (!token.ok && (token.reason === 'sessionExpired' || token.reason === 'userDisabled')) {
        await endExpiredSession(session, token.reason)
      }
      return token.ok ? ok({ kind: 'firebase', idToken: token.value }) : token
    }
    return ok(storedKey.value ? { kind: 'apiKey', key: storedKey.value.key } : null)
  }

  /** Firebase revoked or expired the session: sign out, keep the address for signing in again. */
  async function endExpiredSession(session: FirebaseSession, kind: 'sessionExpired' | 'userDisabled') {
    await signOut()
    if (firebaseSession.value) return // the log out itself failed; it says so
    draftEmail.value = session.profile.email ?? ''
    lastError.value = { action: 'signIn', kind }
  }

  /**
   * The Comfy API refused a credential even when fresh: drop that credential only (a rejected
   * token says nothing about a stored key, and the other way round), and say why.
   */
  async function handleUnauthorized(rejected: ComfyCredential['kind']): Promise<void> {
    const { firebase, apiKeys } = accountServices()
    if (rejected === 'firebase' && firebaseSession.value && storedKey.value) {
      await firebase.signOut()
      update({ firebase: null })
    } else if (rejected === 'apiKey' && storedKey.value && firebaseSession.value) {
      ownKeyWrite(() => apiKeys.clear())
      update({ key: null })
    } else if (
      (rejected === 'firebase' && firebaseSession.value) ||
      (rejected === 'apiKey' && storedKey.value)
    ) {
      await signOut()
    } else {
      return // that credential is already gone
    }
    if (rejected === 'apiKey') keyRejectedNotice.value = true
    else lastError.value = { action: 'signIn', kind: 'unauthorized' }
  }

  /**
   * Every way out (the button, the command, idle, a 401, ComfyUI's own log out, another tab) ends
   * here: Firebase signed out, every stored key removed, the store reset, drafts included. When the
   * browser refuses to remove something, the user stays signed in, is told, and it is retried:
   * showing "signed out" while a credential survives would sign them back in on reload.
   */
  async function signOut(): Promise<void> {
    logOuts++
    clearTimeout(signOutRetry)
    busy.value = 'signOut'
    const { firebase, apiKeys } = accountServices()
    ownKeyWrite(() => apiKeys.clear())
    const firebaseOut = await firebase.signOut().then(
      () => true,
      () => false
    )
    if (firebaseOut && apiKeys.read() === null) {
      $reset()
      return
    }
    busy.value = null
    lastError.value = { action: 'signOut', kind: 'signOutIncomplete' }
    signOutRetry = setTimeout(() => inBackground(signOut()), 5_000)
  }

  function $reset(): void {
    generation++
    cancelHandBack()
    clearTimeout(signOutRetry)
    draftEmail.value = ''
    draftMode.value = 'signIn'
    handBackAttempts = 0
    handedBack = 0
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
    draftEmail,
    draftMode,
    session,
    isSignedIn,
    profile,
    method,
    maskedKey,
    keyShadowed,
    hiddenFromHost,
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
