/**
 * The one store of ComfyUI-Account: who is signed in, how, with what credits, and what is
 * running. Components and the host integration read it; only its actions change it.
 */
import { defineStore, type Pinia } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'

import { checkApiKeyFormat, maskApiKey } from '@/auth/apiKey/apiKeyFormat'
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from '@/auth/startup/storageNames'
import type { Balance, Customer } from '@/auth/comfyApi/comfyApiAnswers'
import type { ComfyCredential, SessionEnd } from '@/auth/credentials/credentialSource'
import type { FirebaseSession, OAuthProviderId } from '@/auth/firebase/firebaseAuthClient'
import { gatherDiagnosis, pageBrowser } from '@/auth/diagnostics/gatherDiagnosis'
import { CREDITS_TIMING, mayRefreshAtGlance, runCheck, type KnownBalance } from '@/auth/rules/creditsRules'
import {
  HAND_BACK_LIMIT,
  heldKeyRetryDelay,
  hiddenFromHost as hiddenFromHostRule,
  identityOf,
  isHostLogOut,
  keyCheckVerdict,
  needsKeyCheck,
  sessionOf
} from '@/auth/rules/sessionRules'
import type { ApiErrorKind, ApiKeyErrorKind, AuthErrorKind, Result } from '@/types/errors'
import type { HostDiagnostics } from '@/types/hostBridge'
import { fail, ok } from '@/types/errors'
import type { Session, SignInMethod } from '@/types/session'

import type { AccountServices } from './accountServices'

export type AccountAction =
  'signIn' | 'signUp' | 'resetPassword' | 'sendVerification' | 'oauth' | 'apiKey' | 'signOut'

export interface AccountError {
  action: AccountAction | 'customer'
  kind: AuthErrorKind | ApiErrorKind | ApiKeyErrorKind
  /** For accountExistsWithDifferentCredential: how the address signs in today, when known. */
  existingMethods?: SignInMethod[]
}

export type BalanceState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; balance: Balance | null }
  | { status: 'failed'; reason: ApiErrorKind }

/**
 * Creates the store on `pinia` with the services it works with, once, at start-up (and in tests).
 * Components reach it through the view-model (src/ui/useAccountView.ts), never directly.
 */
export function createAccountStore(pinia: Pinia, services: AccountServices) {
  if (pinia.state.value[STORE_ID]) {
    throw new Error(
      'ComfyUI-Account: this Pinia already has an account store. Create one Pinia per account store.'
    )
  }
  return defineStore(STORE_ID, () => setupAccountStore(services))(pinia)
}

export type AccountStore = ReturnType<typeof createAccountStore>

const STORE_ID = 'comfyAccount'

function setupAccountStore(services: AccountServices) {
  const { firebase, apiKeys, comfyApi, credentials, userGesture, hostHasAccountPage } = services
  const now = services.clock ?? Date.now

  // ---- state ----
  /** `undefined` until Firebase has restored its persisted session. */
  const firebaseSession = shallowRef<FirebaseSession | null | undefined>(undefined)
  const storedKey = shallowRef<StoredApiKey | null>(null)
  const keyCustomer = shallowRef<Customer | null>(null)
  /** Set when a stored key was definitively rejected, so the user is asked for a new one. */
  const keyRejectedNotice = ref(false)
  /** A background check of the stored key is under way. */
  const keyCheck = ref<'idle' | 'checking'>('idle')
  /** "Keep me signed in on this device", for every sign-in method. */
  const remember = ref(true)
  const busy = ref<AccountAction | null>(null)
  const lastError = shallowRef<AccountError | null>(null)
  const balance = shallowRef<BalanceState>({ status: 'idle' })
  /**
   * The last balance the Comfy API gave for this identity, and when: it outlives a refresh under
   * way or a failed one, so runs and the card can still judge by it (and say how old it is).
   */
  const knownBalance = shallowRef<KnownBalance | null>(null)
  /** When the balance was last asked for (answered or not): the card asks at most once a minute. */
  const balanceAskedAt = ref<number | null>(null)
  /**
   * What the user typed in the sign-in forms, kept while our section is unmounted (switching
   * settings pages). Here rather than in the form so that every way out clears it; passwords and
   * keys are never kept.
   */
  const draftEmail = ref('')
  const draftMode = ref<'signIn' | 'signUp' | 'reset'>('signIn')
  /**
   * Bumped whenever the signed-in identity changes (and by `$reset`): answers that arrive for an
   * older one are dropped. Only moves forward.
   */
  const generation = ref(0)
  /** Bumped by every log out: a sign-in still under way when it happened must not undo it. */
  const logOuts = ref(0)
  /**
   * The generation (Firebase sign-in) whose Comfy customer is not known to exist yet: set at
   * sign-in until POST /customers succeeds. If that failed (5xx, timeout, offline), the balance
   * would only be a 404 ("no credits yet"), so the next refresh creates the customer first.
   */
  const customerMissingFor = ref<number | null>(null)
  /** Handing a held key back to ComfyUI: failed checks in a row, and hand-backs this page. */
  const handBack = ref({ failedChecks: 0, given: 0 })

  /** Not state: what `start()` listens to, timers, and a guard, all ended by `$reset`/dispose. */
  const running = {
    started: undefined as Promise<void> | undefined,
    stopFollowing: [] as Array<() => void>,
    handBackTimer: undefined as ReturnType<typeof setTimeout> | undefined,
    /** The balance read under way, shared by everyone who asks meanwhile, and for which generation. */
    balanceRead: undefined as { generation: number; done: Promise<void> } | undefined,
    signOutRetry: undefined as ReturnType<typeof setTimeout> | undefined,
    /** True while we change the stored key ourselves, so our own storage events are not taken for ComfyUI's. */
    writingKeys: false,
    /** The last partner-node run whose end read the balance: ComfyUI may report a run twice. */
    endedRun: undefined as string | undefined
  }
  onScopeDispose(() => {
    running.stopFollowing.splice(0).forEach((stop) => stop())
    stopTimers()
  })

  // ---- getters ----
  /** Where users manage their account, keys and credits (the Comfy platform). */
  const platformUrl = services.config.platformUrl
  const session = computed<Session>(() =>
    sessionOf({ firebase: firebaseSession.value, key: storedKey.value, keyCustomer: keyCustomer.value })
  )
  const isSignedIn = computed(() => session.value.status === 'signedIn')
  const profile = computed(() => (session.value.status === 'signedIn' ? session.value.profile : null))
  const method = computed(() => (session.value.status === 'signedIn' ? session.value.method : null))
  const maskedKey = computed(() => (storedKey.value ? maskApiKey(storedKey.value.key) : null))
  /** A key is stored but a Firebase session is the one in use. */
  const keyShadowed = computed(() => Boolean(storedKey.value && firebaseSession.value))
  /** ComfyUI's own account page shows the user signed out, though prompts carry the session. */
  const hiddenFromHost = computed(() =>
    isSignedIn.value
      ? hiddenFromHostRule({ hostHasAccountPage, firebase: firebaseSession.value, key: storedKey.value })
      : null
  )

  // The credential source follows who is signed in, the moment it changes.
  watch(
    [firebaseSession, storedKey],
    ([firebase, key]) => credentials.follow({ firebase: firebase ?? null, key: key?.key ?? null }),
    { flush: 'sync', immediate: true }
  )

  // ---- actions ----
  function ownKeyWrite<T>(write: () => T): T {
    running.writingKeys = true
    try {
      return write()
    } finally {
      running.writingKeys = false
    }
  }

  /**
   * A remembered key saved by ComfyUI's own page (or an earlier version) gets our copy, before
   * ComfyUI's next failed check could delete it. Only for what this tab saw: copying on another
   * tab's news could bring back a copy that tab's log out has just removed.
   */
  function keepCopyOfStoredKey(): void {
    const key = storedKey.value
    if (key?.remembered && !key.held) ownKeyWrite(() => apiKeys.keepCopy(key.key))
  }

  function stopTimers(): void {
    clearTimeout(running.handBackTimer)
    clearTimeout(running.signOutRetry)
    running.handBackTimer = running.signOutRetry = undefined
  }

  /** Fire-and-forget work started by an event; its failure is logged, never lost. */
  function inBackground(work: Promise<unknown>): void {
    work.catch((error: unknown) => console.error('[ComfyUI-Account]', error))
  }

  function update(next: { firebase?: FirebaseSession | null; key?: StoredApiKey | null }): void {
    const before = identityOf({ firebase: firebaseSession.value, key: storedKey.value })
    if ('firebase' in next) firebaseSession.value = next.firebase
    if ('key' in next) {
      // The customer belongs to one key: a new key must not show the old key's name.
      if (next.key?.key !== storedKey.value?.key) keyCustomer.value = null
      storedKey.value = next.key ?? null
    }
    if (identityOf({ firebase: firebaseSession.value, key: storedKey.value }) !== before) {
      generation.value++
      balance.value = { status: 'idle' }
      knownBalance.value = null
      balanceAskedAt.value = null
    }
  }

  /**
   * Firebase's news of the session. A sign-in made elsewhere (another tab, ComfyUI's own page) may
   * still be creating its Comfy customer: this tab then creates-or-gets it too before asking for
   * the balance, rather than read "no credits yet" for a customer about to exist.
   */
  function followFirebase(next: FirebaseSession | null): void {
    const restoring = firebaseSession.value === undefined
    const before = identityOf({ firebase: firebaseSession.value, key: storedKey.value })
    update({ firebase: next })
    const now = identityOf({ firebase: firebaseSession.value, key: storedKey.value })
    if (next && !restoring && now !== before) customerMissingFor.value = generation.value
  }

  /** Reads the stored key again after a storage change, here or in another tab. */
  function onKeyStorageChange(
    event: StorageEvent | CustomEvent<{ key?: unknown; newValue?: unknown } | undefined>
  ) {
    const fromThisTab = !event.isTrusted
    const detail = event instanceof StorageEvent ? event : event.detail
    const storageKey = detail?.key
    if (storageKey !== API_KEY_STORAGE_KEY && storageKey !== KEY_COPY_STORAGE_KEY && storageKey !== null)
      return
    if (running.writingKeys) return
    const before = storedKey.value
    const change = {
      fromThisTab,
      storageKey,
      isHostKey: storageKey === API_KEY_STORAGE_KEY,
      newValue: detail?.newValue,
      before,
      userGestureInProgress: userGesture.inProgress()
    }
    if (isHostLogOut(change)) {
      inBackground(signOut())
      return
    }
    update({ key: apiKeys.read() })
    if (fromThisTab) keepCopyOfStoredKey()
    // Before Firebase has restored, the restore in start() checks the key.
    if (firebaseSession.value === undefined) return
    if (needsKeyCheck(before, storedKey.value, fromThisTab)) inBackground(recheckStoredKey())
  }

  /**
   * Restores the persisted session and follows changes, also those made in other tabs. With
   * `nothingStored` (the start-up probe found no session, which is certain) the user is signed
   * out at once, without waiting for Firebase to load.
   */
  function start({ nothingStored = false } = {}): Promise<void> {
    running.started ??= (async () => {
      update({ key: apiKeys.read() })
      keepCopyOfStoredKey()
      if (nothingStored && !storedKey.value) update({ firebase: null })
      // Other tabs fire 'storage'; ComfyUI's own page, in this tab, fires 'storage' (VueUse 13+)
      // or VueUse's older same-tab event 'vueuse-storage'.
      const storageEvents = ['storage', 'vueuse-storage'] as const
      const onStorage = onKeyStorageChange as EventListener
      for (const name of storageEvents) globalThis.addEventListener?.(name, onStorage)
      const onOnline = (): void => {
        if (storedKey.value?.held) inBackground(recheckStoredKey())
      }
      globalThis.addEventListener?.('online', onOnline)
      running.stopFollowing.push(
        () => {
          storageEvents.forEach((name) => globalThis.removeEventListener?.(name, onStorage))
          globalThis.removeEventListener?.('online', onOnline)
        },
        firebase.onChange(followFirebase),
        // ComfyUI's own log out (or another tab's) ended the shared session: one log out ends
        // all, unless this tab had signed in for itself alone.
        firebase.onSignedOutElsewhere(() => {
          if (firebaseSession.value?.remembered !== false) inBackground(signOut())
        }),
        credentials.onRejected((kind) => inBackground(handleUnauthorized(kind))),
        credentials.onSessionEnded(endExpiredSession)
      )
      update({ firebase: await firebase.ready })
      if (storedKey.value) inBackground(recheckStoredKey())
    })()
    return running.started
  }

  /**
   * Checks the stored key with the Comfy API; a definitive 401/403 removes it, being offline
   * never does. A held key (deleted by ComfyUI's failed check) is handed back to ComfyUI once
   * Comfy accepts it again, and checked again later while Comfy cannot be reached.
   */
  async function recheckStoredKey(): Promise<void> {
    const asked = storedKey.value
    if (!asked) return
    clearTimeout(running.handBackTimer)
    keyCheck.value = 'checking'
    try {
      const result = await comfyApi.verifyApiKey(asked.key)
      if (storedKey.value?.key !== asked.key) return
      const verdict = keyCheckVerdict(result, Boolean(storedKey.value.held))
      if (verdict === 'accepted' && result.ok) {
        keyCustomer.value = result.value
        handBack.value.failedChecks = 0
        if (storedKey.value.held) handBackKey(asked.key)
      } else if (verdict === 'rejected') {
        ownKeyWrite(() => apiKeys.clear())
        update({ key: null })
        keyRejectedNotice.value = true
      } else if (verdict === 'retryLater') {
        // Comfy cannot be reached: try again later (and when the browser is back online).
        const delay = heldKeyRetryDelay(handBack.value.failedChecks++)
        running.handBackTimer = setTimeout(() => inBackground(recheckStoredKey()), delay)
      }
    } finally {
      keyCheck.value = 'idle'
    }
  }

  /** Gives ComfyUI its `comfy_api_key` back; its store checks the key again when it hears of it. */
  function handBackKey(key: string): void {
    if (handBack.value.given >= HAND_BACK_LIMIT) return
    handBack.value.given++
    ownKeyWrite(() => apiKeys.write(key, true))
    update({ key: apiKeys.read() })
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
    if (askedAt !== logOuts.value) {
      // Logged out while this sign-in was under way: the log out wins.
      await firebase.signOut().catch(() => undefined)
      return result
    }
    // One credential at a time: a stored key would otherwise ride on ComfyUI's prompts (it sends
    // the key it holds) next to, or instead of, the account just signed in to.
    if (storedKey.value) ownKeyWrite(() => apiKeys.clear())
    update({ firebase: result.value, key: null })
    // The balance only exists once the customer does; nobody should ask for it before.
    balance.value = { status: 'loading' }
    customerMissingFor.value = generation.value
    if (await createCustomer(generation.value)) await refreshBalance()
    return result
  }

  /** Create-or-get the customer of `asked`; `false` when that failed (the card then says why). */
  async function createCustomer(asked: number): Promise<boolean> {
    const customer = await comfyApi.createCustomer()
    if (asked !== generation.value) return false
    if (!customer.ok) {
      lastError.value = { action: 'customer', kind: customer.reason }
      balance.value = { status: 'failed', reason: customer.reason }
      return false
    }
    customerMissingFor.value = null
    if (lastError.value?.action === 'customer') lastError.value = null
    return true
  }

  async function signInWithEmail(email: string, password: string) {
    const askedAt = logOuts.value
    const result = await run('signIn', () =>
      firebase.signInWithEmail(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result, askedAt)
  }

  async function createAccount(email: string, password: string) {
    const askedAt = logOuts.value
    const result = await run('signUp', () =>
      firebase.createAccount(email.trim(), password, { remember: remember.value })
    )
    return afterFirebaseSignIn(result, askedAt)
  }

  async function signInWithProvider(provider: OAuthProviderId) {
    const askedAt = logOuts.value
    const result = await run('oauth', () =>
      firebase.signInWithProvider(provider, { remember: remember.value })
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
    const askedAt = logOuts.value
    return run('apiKey', async () => {
      const verified = await comfyApi.verifyApiKey(format.key)
      if (!verified.ok)
        return fail(verified.reason === 'unauthorized' ? 'keyRejected' : 'keyCheckUnavailable')
      // Logged out while the key was being checked: the log out wins, nothing is stored.
      if (askedAt !== logOuts.value) return verified
      // One credential at a time: the key replaces a Firebase session (ComfyUI's shared one too).
      if (firebaseSession.value) await firebase.signOut()
      update({ firebase: null, key: { key: format.key, remembered: remember.value } })
      keyCustomer.value = verified.value
      handBack.value.given = 0
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
    return run('resetPassword', () => firebase.sendPasswordReset(email.trim()))
  }

  function sendVerificationEmail() {
    return run('sendVerification', () => firebase.sendVerificationEmail())
  }

  /** Picks up changes made elsewhere, such as a verified email address. */
  async function refreshProfile(): Promise<void> {
    if (!firebaseSession.value) return
    const asked = generation.value
    const result = await firebase.refreshProfile()
    if (asked === generation.value && result.ok && result.value) update({ firebase: result.value })
  }

  /** Reads the balance; callers while one read is under way share it (one request, one answer). */
  function refreshBalance(): Promise<void> {
    if (!isSignedIn.value) return Promise.resolve()
    const asked = generation.value
    const pending = running.balanceRead
    if (pending?.generation === asked) return pending.done
    const done = readBalance(asked).finally(() => {
      if (running.balanceRead?.done === done) running.balanceRead = undefined
    })
    running.balanceRead = { generation: asked, done }
    return done
  }

  async function readBalance(asked: number): Promise<void> {
    balance.value = { status: 'loading' }
    balanceAskedAt.value = now()
    if (customerMissingFor.value === asked && !(await createCustomer(asked))) return
    const result = await comfyApi.getBalance()
    if (asked !== generation.value) return
    if (result.ok) {
      balance.value = { status: 'loaded', balance: result.value }
      knownBalance.value = { balance: result.value, at: now() }
    } else {
      balance.value = { status: 'failed', reason: result.reason }
      // An answer that makes no sense says the last one may be wrong too: show none, judge by none.
      if (result.reason === 'malformed') knownBalance.value = null
    }
  }

  /** The settings opened or the tab came back into view: read the balance, at most once a minute. */
  async function refreshBalanceAtGlance(): Promise<void> {
    if (!isSignedIn.value || busy.value !== null) return
    if (!mayRefreshAtGlance(balanceAskedAt.value, now())) return
    await refreshBalance()
  }

  /**
   * Before a run with partner nodes: `ask` when the balance says they cannot be paid for, else
   * `run`. An unknown or stale balance is read first, for at most `timeoutMs`; without an answer
   * in time the run goes out. The read goes on and the card gets its answer.
   */
  async function creditsForRun(
    timeoutMs: number = CREDITS_TIMING.beforeRunTimeoutMs
  ): Promise<'run' | 'ask'> {
    if (!isSignedIn.value) return 'run'
    let check = runCheck(knownBalance.value, now())
    if (check === 'readFirst') {
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([refreshBalance(), deadline])
      clearTimeout(timer)
      check = runCheck(knownBalance.value, now())
    }
    return check === 'ask' ? 'ask' : 'run'
  }

  /** Without a read: `run` when a fresh balance shows credits, so most runs skip every other check. */
  function creditsKnownToPay(): boolean {
    return !isSignedIn.value || runCheck(knownBalance.value, now()) === 'run'
  }

  /**
   * A partner-node run finished or failed: read the balance again (its cost, or the reason it
   * failed), once per run, however often it is reported. How it ended is the host's record
   * (src/host/hostDiagnostics.ts), kept signed in or not.
   */
  function partnerRunEnded(promptId: string): void {
    if (running.endedRun === promptId) return
    running.endedRun = promptId
    inBackground(refreshBalance())
  }

  /** For views: loads the balance once, unless a sign-in in progress is about to. */
  async function loadBalanceIfNeeded(): Promise<void> {
    if (balance.value.status === 'idle' && busy.value === null) await refreshBalance()
  }

  /** Firebase revoked or expired the session: sign out, keep the address for signing in again. */
  async function endExpiredSession(kind: SessionEnd, ended: FirebaseSession): Promise<void> {
    await signOut()
    if (firebaseSession.value) return // the log out itself failed; it says so
    draftEmail.value = ended.profile.email ?? ''
    lastError.value = { action: 'signIn', kind }
  }

  /**
   * The Comfy API refused a credential even when fresh: drop that credential only (a rejected
   * token says nothing about a stored key, and the other way round), and say why.
   */
  async function handleUnauthorized(rejected: ComfyCredential['kind']): Promise<void> {
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
    logOuts.value++
    clearTimeout(running.signOutRetry)
    busy.value = 'signOut'
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
    running.signOutRetry = setTimeout(() => inBackground(signOut()), 5_000)
  }

  /** Back to signed out, drafts included; counters that order answers move forward. */
  function $reset(): void {
    stopTimers()
    generation.value++
    firebaseSession.value = firebaseSession.value === undefined ? undefined : null
    storedKey.value = null
    keyCustomer.value = null
    keyRejectedNotice.value = false
    keyCheck.value = 'idle'
    remember.value = true
    busy.value = null
    lastError.value = null
    balance.value = { status: 'idle' }
    knownBalance.value = null
    balanceAskedAt.value = null
    running.balanceRead = undefined
    running.endedRun = undefined
    draftEmail.value = ''
    draftMode.value = 'signIn'
    customerMissingFor.value = null
    handBack.value = { failedChecks: 0, given: 0 }
  }

  /** The setup check's facts, with what only the host can see ("Why won't my partner node run?"). */
  function checkSetup(host?: HostDiagnostics) {
    return gatherDiagnosis({
      browser: pageBrowser(),
      comfyApiBaseUrl: services.config.comfyApiBaseUrl,
      firebase,
      comfyApi,
      signedIn: { firebase: firebaseSession.value ?? null, key: storedKey.value, hostHasAccountPage },
      host
    })
  }

  function clearError(): void {
    lastError.value = null
  }

  return {
    firebaseSession,
    storedKey,
    keyCustomer,
    keyRejectedNotice,
    keyCheck,
    remember,
    busy,
    lastError,
    balance,
    knownBalance,
    balanceAskedAt,
    draftEmail,
    draftMode,
    generation,
    logOuts,
    customerMissingFor,
    handBack,
    platformUrl,
    session,
    isSignedIn,
    profile,
    method,
    maskedKey,
    keyShadowed,
    hiddenFromHost,
    start,
    signInWithEmail,
    createAccount,
    signInWithProvider,
    signInWithApiKey,
    sendPasswordReset,
    sendVerificationEmail,
    refreshProfile,
    refreshBalance,
    refreshBalanceAtGlance,
    creditsForRun,
    creditsKnownToPay,
    partnerRunEnded,
    loadBalanceIfNeeded,
    handleUnauthorized,
    signOut,
    clearError,
    checkSetup,
    $reset
  }
}
