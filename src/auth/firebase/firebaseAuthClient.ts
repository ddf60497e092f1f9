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
  setPersistence,
  signInWithEmailAndPassword,
  signInWithPopup,
  signOut,
  type Auth,
  type Persistence,
  type PopupRedirectResolver,
  type User
} from 'firebase/auth'

import type { AccountConfig } from '@/config/target'
import type { AuthErrorKind, Result } from '@/types/errors'
import { fail, ok } from '@/types/errors'
import type { AccountProfile, SignInMethod } from '@/types/session'

import { classifyAuthError } from './classifyAuthError'

export interface FirebaseSession {
  method: Exclude<SignInMethod, 'apiKey'>
  profile: AccountProfile
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
}

/** Where sessions are kept and how popups open; the browser's by default. */
export interface AuthPlatform {
  /** Kept after the tab closes ("keep me signed in"). */
  remembered: Persistence
  /** This tab only. */
  tabOnly: Persistence
  popupRedirectResolver?: PopupRedirectResolver
}

export const browserPlatform = (): AuthPlatform => ({
  remembered: indexedDBLocalPersistence,
  tabOnly: browserSessionPersistence,
  popupRedirectResolver: browserPopupRedirectResolver
})

export interface FirebaseAuthClientOptions {
  config: AccountConfig
  /** @default browserPlatform() */
  platform?: AuthPlatform
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

export function toFirebaseSession(user: User): FirebaseSession {
  return {
    method: methodOf(user),
    profile: {
      id: user.uid,
      email: user.email,
      displayName: user.displayName,
      photoUrl: user.photoURL,
      emailVerified: user.emailVerified
    }
  }
}

/**
 * Same config and the default app name as ComfyUI's own frontend, so both read the same
 * persisted session and never disagree about who is signed in (CONTRACTS §6).
 */
let started: Auth | undefined

function startAuth(config: AccountConfig, platform: AuthPlatform): Auth {
  // Firebase allows one Auth per app and one emulator connection per Auth.
  if (started) return started
  const app: FirebaseApp = getApps()[0] ?? initializeApp(config.firebase)
  // Restores from whichever store holds a session: IndexedDB (ComfyUI's own choice), then
  // localStorage, then this tab's sessionStorage.
  const persistence =
    platform.remembered === indexedDBLocalPersistence
      ? [indexedDBLocalPersistence, browserLocalPersistence, platform.tabOnly]
      : [platform.remembered, platform.tabOnly]
  const auth = initializeAuth(app, { persistence, popupRedirectResolver: platform.popupRedirectResolver })
  if (config.authEmulatorUrl) {
    connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true })
  }
  started = auth
  return auth
}

export function createFirebaseAuthClient({
  config,
  platform = browserPlatform(),
  now = Date.now
}: FirebaseAuthClientOptions): FirebaseAuthClient {
  const auth = startAuth(config, platform)
  let tokenInFlight: Promise<Result<string, AuthErrorKind>> | null = null

  const ready = auth
    .authStateReady()
    .then(() => (auth.currentUser ? toFirebaseSession(auth.currentUser) : null))

  async function remembered(remember: boolean): Promise<void> {
    await setPersistence(auth, remember ? platform.remembered : platform.tabOnly)
  }

  async function attempt<T>(run: () => Promise<T>): Promise<Result<T, AuthErrorKind>> {
    try {
      return ok(await run())
    } catch (error) {
      return fail(classifyAuthError(error))
    }
  }

  /** How `email` signs in today, as far as Firebase will say; never fails. */
  async function existingMethodsOf(email: string): Promise<SignInMethod[]> {
    try {
      const ids = await fetchSignInMethodsForEmail(auth, email)
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
      return onIdTokenChanged(auth, (user) => listener(user ? toFirebaseSession(user) : null))
    },
    signInWithEmail: (email, password, { remember }) =>
      attempt(async () => {
        await remembered(remember)
        const { user } = await signInWithEmailAndPassword(auth, email, password)
        return toFirebaseSession(user)
      }),
    createAccount: (email, password, { remember }) =>
      attempt(async () => {
        await remembered(remember)
        const { user } = await createUserWithEmailAndPassword(auth, email, password)
        // The account exists either way; a failed verification mail can be resent from the card.
        await sendEmailVerification(user).catch(() => undefined)
        return toFirebaseSession(user)
      }),
    async signInWithProvider(provider, { remember }) {
      try {
        await remembered(remember)
        const authProvider = provider === 'google' ? new GoogleAuthProvider() : new GithubAuthProvider()
        if (authProvider instanceof GoogleAuthProvider)
          authProvider.setCustomParameters({ prompt: 'select_account' })
        const { user } = await signInWithPopup(auth, authProvider)
        return ok(toFirebaseSession(user))
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
          await sendPasswordResetEmail(auth, email)
        } catch (error) {
          // Answer the same whether or not the address has an account.
          if (classifyAuthError(error) !== 'invalidCredentials') throw error
        }
      }),
    sendVerificationEmail: () =>
      attempt(async () => {
        if (auth.currentUser) await sendEmailVerification(auth.currentUser)
      }),
    refreshProfile: () =>
      attempt(async () => {
        if (!auth.currentUser) return null
        await auth.currentUser.reload()
        // reload() does not fire onIdTokenChanged; a forced token carries the new claims.
        await auth.currentUser.getIdToken(true)
        return toFirebaseSession(auth.currentUser)
      }),
    getIdToken(minValidityMs = FIVE_MINUTES) {
      const user = auth.currentUser
      if (!user) return Promise.resolve(fail('invalidCredentials' as const))
      tokenInFlight ??= attempt(() => freshToken(user, minValidityMs)).finally(() => {
        tokenInFlight = null
      })
      return tokenInFlight
    },
    async signOut() {
      await signOut(auth)
    }
  }
}
