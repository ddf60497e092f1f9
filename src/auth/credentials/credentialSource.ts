/**
 * The one place that answers "which credential goes to the Comfy API right now?", for the Comfy
 * API client, the store and the prompt wrapper alike. It holds no session of its own: the store
 * tells it who is signed in (`follow`), and it turns that into a fresh ID token or the stored key.
 */
import type { FirebaseAuthClient, FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import type { AuthErrorKind, Result } from '@/types/errors'
import { ok } from '@/types/errors'

export type ComfyCredential = { kind: 'firebase'; idToken: string } | { kind: 'apiKey'; key: string }

/** Who is signed in, as far as credentials go. */
export interface SignedIn {
  /** The Firebase session in use; it wins over a key (docs/host-contract.md, "The Comfy API"). */
  firebase: FirebaseSession | null
  /** The stored (or held) Comfy API key, if any. */
  key: string | null
}

/** Firebase ended the session for good: the user must sign in again. */
export type SessionEnd = 'sessionExpired' | 'userDisabled'

export interface CredentialSource {
  /** The credential for the next request or prompt; `ok(null)` when nobody is signed in. */
  current(options?: { forceRefresh?: boolean }): Promise<Result<ComfyCredential | null, AuthErrorKind>>
  /** Called by the store whenever who is signed in changes. */
  follow(signedIn: SignedIn): void
  /** The Comfy API refused this credential even when fresh (a 401/403 of its own). */
  reportRejected(kind: ComfyCredential['kind']): void
  onRejected(listener: (kind: ComfyCredential['kind']) => unknown): () => void
  /** `current()` waits for these, so nobody gets a credential of a session being closed. */
  onSessionEnded(listener: (reason: SessionEnd, ended: FirebaseSession) => Promise<unknown>): () => void
}

export interface CredentialSourceOptions {
  firebase: Pick<FirebaseAuthClient, 'getIdToken'>
}

function isSessionEnd(reason: AuthErrorKind): reason is SessionEnd {
  return reason === 'sessionExpired' || reason === 'userDisabled'
}

export function createCredentialSource({ firebase }: CredentialSourceOptions): CredentialSource {
  let signedIn: SignedIn = { firebase: null, key: null }
  const rejectedListeners = new Set<(kind: ComfyCredential['kind']) => unknown>()
  const endedListeners = new Set<(reason: SessionEnd, ended: FirebaseSession) => Promise<unknown>>()

  function subscribe<T>(listeners: Set<T>, listener: T): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  return {
    async current({ forceRefresh = false } = {}) {
      const session = signedIn.firebase
      if (!session) return ok(signedIn.key ? { kind: 'apiKey', key: signedIn.key } : null)
      const token = await firebase.getIdToken(forceRefresh ? Number.POSITIVE_INFINITY : undefined)
      if (token.ok) return ok({ kind: 'firebase', idToken: token.value })
      const { reason } = token
      if (isSessionEnd(reason)) await Promise.all([...endedListeners].map((ended) => ended(reason, session)))
      return token
    },
    follow(next) {
      signedIn = next
    },
    reportRejected(kind) {
      rejectedListeners.forEach((listener) => listener(kind))
    },
    onRejected: (listener) => subscribe(rejectedListeners, listener),
    onSessionEnded: (listener) => subscribe(endedListeners, listener)
  }
}
