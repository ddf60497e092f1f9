/**
 * The only module that talks to the Firebase SDK. Everything it returns is plain data, and every
 * expected failure comes back as `{ ok: false, reason }` with a classified kind.
 */
import { initializeApp, getApps, type FirebaseApp } from 'firebase/app'
import {
  browserLocalPersistence,
  browserPopupRedirectResolver,
  browserSessionPersistence,
  connectAuthEmulator,
  createUserWithEmailAndPassword,
  fetchSignInMethodsForEmail,
  GithubAuthProvider,
  GoogleAuthProvider,
  indexedDBLocalPersistence,
  initializeAuth,
  onIdTokenChanged,
  sendEmailVerification,
  sendPasswordResetEmail,
  signInWithEmailAndPassword,
  signInWithPopup,
  signOut,
  type Auth,
  type Persistence,
  type PopupRedirectResolver,
  type User
} from 'firebase/auth'

import type { AccountConfig } from '@/config/accountConfig'
import type { AuthErrorKind, Result } from '@/types/errors'
import { fail, ok } from '@/types/errors'
import type { AccountProfile, SignInMethod } from '@/types/session'

import { classifyAuthError } from './classifyAuthError'
import { nudgeIndexedDb } from './indexedDbNudge'
import { persistenceKey, TAB_ONLY_APP_NAME } from './persistenceKey'
import { startSharedSessionBridge } from './sharedSessionBridge'

export { persistenceKey, TAB_ONLY_APP_NAME } from './persistenceKey'

export interface FirebaseSession {
  method: Exclude<SignInMethod, 'apiKey'>
  profile: AccountProfile
  /** Kept after the tab closes (and shared with ComfyUI's own account page), or this tab only. */
  remembered: boolean
}

/** What the setup check asks of the session in use. */
export interface SessionFacts {
  signedInAt: number | null
  /** By this device's clock. */
  tokenExpiresAt: number | null
  /**
   * The user in the entry ComfyUI's own SDK copy reads (docs/host-contract.md, "Firebase"): `null`
   * when it holds none, `undefined` when no such copy shares our storage.
   */
  sharedUserId: string | null | undefined
}

export type OAuthProviderId = 'google' | 'github'

/**
 * A failed Google/GitHub sign-in. For an address that already has an account with another method
 * (auth/account-exists-with-different-credential), `existingMethods` says which, when Firebase
 * tells: projects with email-enumeration protection answer with nothing, and then it is absent.
 */
export interface ProviderSignInFailure {
  ok: false
  reason: AuthErrorKind
  existingMethods?: SignInMethod[]
}

export interface RememberOption {
  /** Keep the session after the tab closes (local persistence) or not (this tab only). */
  remember: boolean
}

export interface FirebaseAuthClient {
  /** Resolves once Firebase has restored (or not) the persisted session. */
  ready: Promise<FirebaseSession | null>
  /** Called with the session whenever the user or their ID token changes. */
  onChange(listener: (session: FirebaseSession | null) => void): () => void
  signInWithEmail(
    email: string,
    password: string,
    options: RememberOption
  ): Promise<Result<FirebaseSession, AuthErrorKind>>
  createAccount(
    email: string,
    password: string,
    options: RememberOption
  ): Promise<Result<FirebaseSession, AuthErrorKind>>
  /** Google or GitHub in a popup. */
  signInWithProvider(
    provider: OAuthProviderId,
    options: RememberOption
  ): Promise<{ ok: true; value: FirebaseSession } | ProviderSignInFailure>
  sendPasswordReset(email: string): Promise<Result<void, AuthErrorKind>>
  sendVerificationEmail(): Promise<Result<void, AuthErrorKind>>
  /** Re-reads the user from Firebase, e.g. to notice a verified email. */
  refreshProfile(): Promise<Result<FirebaseSession | null, AuthErrorKind>>
  /** An ID token valid for at least `minValidityMs`; one refresh is shared by all callers. */
  getIdToken(minValidityMs?: number): Promise<Result<string, AuthErrorKind>>
  signOut(): Promise<void>
  /** For the setup check; optional so that stand-ins need not have it. */
  sessionFacts?(): Promise<SessionFacts>
  /**
   * Called when a remembered session was ended outside this page's SDK copy: ComfyUI's own log
   * out, or a log out in another tab.
   */
  onSignedOutElsewhere(listener: () => void): () => void
}

/** Where sessions are kept and how popups open; the browser's by default. */
export interface AuthPlatform {
  /**
   * Where a remembered session is kept, in the order Firebase looks for it; the first is where it
   * is written, and a session found in a later one is moved there.
   */
  remembered: Persistence[]
  /** This tab only: a separate Firebase app, so no other SDK copy ever reads it. */
  tabOnly: Persistence
  popupRedirectResolver?: PopupRedirectResolver
  /**
   * The storage behind `remembered[0]` when ComfyUI's own SDK copy shares it: the two are then
   * kept in step (sharedSessionBridge.ts).
   */
  sharedStorage?: () => Storage
  /** Makes ComfyUI's copy re-read its session (indexedDbNudge.ts). */
  nudgeHost?: (key: string) => Promise<void>
}

/**
 * Hosts with their own account page keep the session in localStorage (their VueFire instance
 * calls `setPersistence(browserLocalPersistence)` at start-up), so ours reads and writes exactly
 * there and never moves it: moving it is what signed users out of ComfyUI's own login
 * (docs/host-contract.md, "Firebase"). Elsewhere nobody else reads it; IndexedDB stays second
 * only so that sessions saved there by earlier versions are moved over once.
 */
export const browserPlatform = ({ hostHasAccountPage }: { hostHasAccountPage: boolean }): AuthPlatform => ({
  remembered: hostHasAccountPage
    ? [browserLocalPersistence]
    : [browserLocalPersistence, indexedDBLocalPersistence],
  tabOnly: browserSessionPersistence,
  popupRedirectResolver: browserPopupRedirectResolver,
  ...(hostHasAccountPage && { sharedStorage: () => localStorage, nudgeHost: (key) => nudgeIndexedDb(key) })
})

export interface FirebaseAuthClientOptions {
  config: AccountConfig
  platform: AuthPlatform
  /** @default Date.now */
  now?: () => number
}

const FIVE_MINUTES = 5 * 60 * 1000

function methodOf(user: User): FirebaseSession['method'] {
  const providers = user.providerData.map((p) => p.providerId)
  if (providers.includes('google.com')) return 'google'
  if (providers.includes('github.com')) return 'github'
  return 'password'
}

/**
 * When the current ID token expires, by this device's clock: Firebase records it as "now +
 * expiresIn" when the token arrives, so a skewed clock cannot make a fresh token look old (which
 * the token's own `exp` claim, in server time, would).
 */
function localExpiry(user: User): number | undefined {
  const saved = user.toJSON() as { stsTokenManager?: { expirationTime?: unknown } }
  const expiration = saved.stsTokenManager?.expirationTime
  return typeof expiration === 'number' ? expiration : undefined
}

/** The uid of the session kept under `key`, or `null`. */
function storedUserId(storage: () => Storage, key: string): string | null {
  try {
    const saved: unknown = JSON.parse(storage().getItem(key) ?? 'null')
    return typeof saved === 'object' && saved !== null && 'uid' in saved && typeof saved.uid === 'string'
      ? saved.uid
      : null
  } catch {
    return null
  }
}

/** Firebase's sign-in method ids to ours; methods our section does not offer are left out. */
const methodById = new Map<string, SignInMethod>([
  ['password', 'password'],
  ['google.com', 'google'],
  ['github.com', 'github']
])

/** The address Firebase names in auth/account-exists-with-different-credential. */
function conflictingEmail(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('customData' in error)) return undefined
  const data = error.customData
  if (typeof data !== 'object' || data === null || !('email' in data)) return undefined
  return typeof data.email === 'string' ? data.email : undefined
}

export function toFirebaseSession(user: User, remembered: boolean): FirebaseSession {
  return {
    method: methodOf(user),
    remembered,
    profile: {
      id: user.uid,
      email: user.email,
      displayName: user.displayName,
      photoUrl: user.photoURL,
      emailVerified: user.emailVerified
    }
  }
}

interface Auths {
  /** `[DEFAULT]`, same config as ComfyUI's own: one remembered session for both. */
  remembered: Auth
  tabOnly: Auth
}

/** Firebase allows one Auth per app and one emulator connection per Auth: start them once. */
let started: Auths | undefined

function startAuths(config: AccountConfig, platform: AuthPlatform): Auths {
  if (started) return started
  const start = (app: FirebaseApp, persistence: Persistence[]): Auth => {
    const auth = initializeAuth(app, { persistence, popupRedirectResolver: platform.popupRedirectResolver })
    if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true })
    return auth
  }
  const apps = getApps()
  const sharedApp = apps.find((app) => app.name === '[DEFAULT]') ?? initializeApp(config.firebase)
  const tabApp =
    apps.find((app) => app.name === TAB_ONLY_APP_NAME) ?? initializeApp(config.firebase, TAB_ONLY_APP_NAME)
  started = { remembered: start(sharedApp, platform.remembered), tabOnly: start(tabApp, [platform.tabOnly]) }
  return started
}

export function createFirebaseAuthClient({
  config,
  platform,
  now = Date.now
}: FirebaseAuthClientOptions): FirebaseAuthClient {
  const auths = startAuths(config, platform)
  /** One token request per user and freshness; a forced refresh never gets a cached token. */
  const tokensInFlight = new Map<string, Promise<Result<string, AuthErrorKind>>>()
  const signedOutElsewhere = new Set<() => void>()
  /** Our own sign-outs under way: the bridge must not report those as someone else's. */
  let signingOut = 0
  async function ownSignOut(auth: Auth): Promise<void> {
    signingOut++
    try {
      await signOut(auth)
      bridge?.announce()
    } finally {
      signingOut--
    }
  }

  const sharedKey = persistenceKey(config.firebase.apiKey ?? '', auths.remembered.name)
  const { nudgeHost } = platform
  const bridge =
    platform.sharedStorage && platform.remembered[0] === browserLocalPersistence
      ? startSharedSessionBridge({
          key: sharedKey,
          storage: platform.sharedStorage,
          nudge: nudgeHost && (() => nudgeHost(sharedKey)),
          onEndedElsewhere: () => {
            if (signingOut === 0) signedOutElsewhere.forEach((listener) => listener())
          }
        })
      : undefined

  /** The session in use: a tab-only sign-in is the more recent, deliberate choice. */
  function current(): FirebaseSession | null {
    const tabUser = auths.tabOnly.currentUser
    if (tabUser) return toFirebaseSession(tabUser, false)
    const user = auths.remembered.currentUser
    return user ? toFirebaseSession(user, true) : null
  }
  const currentUser = (): User | null => auths.tabOnly.currentUser ?? auths.remembered.currentUser

  const ready = Promise.all([auths.remembered.authStateReady(), auths.tabOnly.authStateReady()]).then(current)

  async function attempt<T>(run: () => Promise<T>): Promise<Result<T, AuthErrorKind>> {
    try {
      return ok(await run())
    } catch (error) {
      return fail(classifyAuthError(error))
    }
  }

  /** After a sign-in on one app: the other one must not keep an older session. */
  async function signedInOn(auth: Auth, user: User): Promise<FirebaseSession> {
    const other = auth === auths.remembered ? auths.tabOnly : auths.remembered
    if (other.currentUser) await ownSignOut(other)
    bridge?.announce()
    return toFirebaseSession(user, auth === auths.remembered)
  }

  const authFor = (remember: boolean): Auth => (remember ? auths.remembered : auths.tabOnly)

  /** How `email` signs in today, as far as Firebase will say; never fails. */
  async function existingMethodsOf(email: string): Promise<SignInMethod[]> {
    try {
      const ids = await fetchSignInMethodsForEmail(auths.remembered, email)
      return [...new Set(ids.flatMap((id) => methodById.get(id) ?? []))]
    } catch {
      return []
    }
  }

  async function freshToken(user: User, minValidityMs: number): Promise<string> {
    const current = await user.getIdTokenResult()
    const expiresAt = localExpiry(user) ?? Date.parse(current.expirationTime)
    if (expiresAt - now() > minValidityMs) return current.token
    return user.getIdToken(true)
  }

  return {
    ready,
    onChange(listener) {
      const emit = () => listener(current())
      const stops = [onIdTokenChanged(auths.remembered, emit), onIdTokenChanged(auths.tabOnly, emit)]
      return () => stops.forEach((stop) => stop())
    },
    signInWithEmail: (email, password, { remember }) =>
      attempt(async () => {
        const auth = authFor(remember)
        const { user } = await signInWithEmailAndPassword(auth, email, password)
        return signedInOn(auth, user)
      }),
    createAccount: (email, password, { remember }) =>
      attempt(async () => {
        const auth = authFor(remember)
        const { user } = await createUserWithEmailAndPassword(auth, email, password)
        // The account exists either way; a failed verification mail can be resent from the card.
        await sendEmailVerification(user).catch(() => undefined)
        return signedInOn(auth, user)
      }),
    async signInWithProvider(provider, { remember }) {
      try {
        const auth = authFor(remember)
        const authProvider = provider === 'google' ? new GoogleAuthProvider() : new GithubAuthProvider()
        if (authProvider instanceof GoogleAuthProvider)
          authProvider.setCustomParameters({ prompt: 'select_account' })
        // No await before this call: the popup must open inside the click that asked for it, or
        // browsers (Safari first) block it.
        const { user } = await signInWithPopup(auth, authProvider)
        return ok(await signedInOn(auth, user))
      } catch (error) {
        const reason = classifyAuthError(error)
        const email = conflictingEmail(error)
        if (reason !== 'accountExistsWithDifferentCredential' || !email) return fail(reason)
        const existingMethods = await existingMethodsOf(email)
        return existingMethods.length > 0 ? { ...fail(reason), existingMethods } : fail(reason)
      }
    },
    sendPasswordReset: (email) =>
      attempt(async () => {
        try {
          await sendPasswordResetEmail(auths.remembered, email)
        } catch (error) {
          // Answer the same whether or not the address has an account.
          if (classifyAuthError(error) !== 'invalidCredentials') throw error
        }
      }),
    sendVerificationEmail: () =>
      attempt(async () => {
        const user = currentUser()
        if (user) await sendEmailVerification(user)
      }),
    refreshProfile: () =>
      attempt(async () => {
        const user = currentUser()
        if (!user) return null
        await user.reload()
        // reload() does not fire onIdTokenChanged; a forced token carries the new claims.
        await user.getIdToken(true)
        return current()
      }),
    getIdToken(minValidityMs = FIVE_MINUTES) {
      const user = currentUser()
      if (!user) return Promise.resolve(fail('invalidCredentials' as const))
      const key = `${user.uid}:${minValidityMs === Number.POSITIVE_INFINITY ? 'forced' : 'fresh'}`
      let request = tokensInFlight.get(key)
      if (!request) {
        request = attempt(() => freshToken(user, minValidityMs)).finally(() => tokensInFlight.delete(key))
        tokensInFlight.set(key, request)
      }
      return request
    },
    async signOut() {
      // Both apps, even if one fails: a log out must not leave a session behind.
      const results = await Promise.allSettled([ownSignOut(auths.tabOnly), ownSignOut(auths.remembered)])
      const failed = results.find((result) => result.status === 'rejected')
      if (failed) throw failed.reason
    },
    async sessionFacts() {
      const user = currentUser()
      const signedInAt = Date.parse(user?.metadata.lastSignInTime ?? '')
      return {
        signedInAt: Number.isNaN(signedInAt) ? null : signedInAt,
        tokenExpiresAt: (user && localExpiry(user)) ?? null,
        sharedUserId: platform.sharedStorage ? storedUserId(platform.sharedStorage, sharedKey) : undefined
      }
    },
    onSignedOutElsewhere(listener) {
      signedOutElsewhere.add(listener)
      return () => signedOutElsewhere.delete(listener)
    }
  }
}
