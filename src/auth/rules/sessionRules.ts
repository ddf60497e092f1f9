/**
 * The rules of who is signed in, as plain functions: the store keeps the state and applies them.
 * A Firebase session and a stored Comfy API key can both exist (one left over, or one the host
 * wrote); these rules decide which one counts and when a key must go.
 */
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import type { Customer } from '@/auth/comfyApi/comfyApiAnswers'
import type { FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import type { ApiErrorKind, Result } from '@/types/errors'
import type { Session } from '@/types/session'

export interface SessionParts {
  /** `undefined` until Firebase has restored its persisted session. */
  firebase: FirebaseSession | null | undefined
  key: StoredApiKey | null
  /** The Comfy customer behind `key`, once a check told us. */
  keyCustomer: Customer | null
}

/** Firebase wins over a key when both exist, as in the Comfy API (docs/host-contract.md, "The Comfy API"). */
export function sessionOf({ firebase, key, keyCustomer }: SessionParts): Session {
  if (firebase === undefined) return { status: 'restoring' }
  if (firebase) return { status: 'signedIn', ...firebase }
  if (!key) return { status: 'signedOut' }
  return {
    status: 'signedIn',
    method: 'apiKey',
    profile: {
      id: keyCustomer?.id ?? 'api-key',
      email: keyCustomer?.email ?? null,
      displayName: keyCustomer?.name ?? null,
      photoUrl: null,
      emailVerified: false
    }
  }
}

/** Changes exactly when the person a credential belongs to may have changed. */
export function identityOf({ firebase, key }: Pick<SessionParts, 'firebase' | 'key'>): string {
  return firebase ? `firebase:${firebase.profile.id}` : key ? `key:${key.key}` : ''
}

/**
 * Why ComfyUI's own account page cannot see the session in use (so it shows the user signed out,
 * while prompts still carry it): kept for this tab only, or a key it deleted after a failed check.
 */
export function hiddenFromHost({
  hostHasAccountPage,
  firebase,
  key
}: Pick<SessionParts, 'firebase' | 'key'> & { hostHasAccountPage: boolean }): 'tabOnly' | 'keyHeld' | null {
  if (!hostHasAccountPage) return null
  if (firebase) return firebase.remembered ? null : 'tabOnly'
  if (key?.held) return 'keyHeld'
  return key?.remembered === false ? 'tabOnly' : null
}

/** What a storage change of `comfy_api_key` (or our copy) means. */
export interface KeyStorageChange {
  /** Made by this tab (ComfyUI's own page or us), not reported from another tab. */
  fromThisTab: boolean
  /** The storage key that changed; `null` when a whole storage area was cleared. */
  storageKey: string | null
  /** The changed entry is ComfyUI's `comfy_api_key`. */
  isHostKey: boolean
  newValue: unknown
  /** The key in use before the change. */
  before: StoredApiKey | null
  /** A trusted click or key press is being handled in this tab right now. */
  userGestureInProgress: boolean
}

/**
 * ComfyUI's own page, in this tab, removed the remembered key we use while the user was clicking:
 * a log out. Removed at any other moment it is its failed check, and the key is held instead
 * (docs/host-contract.md, "The Comfy API key").
 */
export function isHostLogOut(change: KeyStorageChange): boolean {
  const removed = change.fromThisTab && change.isHostKey && change.newValue == null
  return Boolean(removed && change.before?.remembered && change.userGestureInProgress)
}

/**
 * After a stored key changed: must we ask the Comfy API about it? A new key needs a check (whose
 * is it, is it valid?). A key that just became held is checked only by the tab that saw ComfyUI
 * remove it; other tabs follow our copy, and another tab's writes can reach this one in any order.
 */
export function needsKeyCheck(
  before: StoredApiKey | null,
  now: StoredApiKey | null,
  fromThisTab: boolean
): boolean {
  if (!now) return false
  if (now.held) return !before?.held && fromThisTab
  return now.key !== before?.key || Boolean(before?.held)
}

/** What a re-check of a stored key means for it. Only a definitive 401/403 counts against it. */
export function keyCheckVerdict(
  result: Result<Customer, ApiErrorKind>,
  held: boolean
): 'accepted' | 'rejected' | 'retryLater' | 'unknown' {
  if (result.ok) return 'accepted'
  if (result.reason === 'unauthorized') return 'rejected'
  return held ? 'retryLater' : 'unknown'
}

/**
 * A held key is handed back to ComfyUI at most this often per page: should its check keep failing
 * while ours passes, we stop rather than loop, and keep the key held (prompts still carry it).
 */
export const HAND_BACK_LIMIT = 3

/** How long to wait before checking a held key again, after `attempt` failed tries. */
export function heldKeyRetryDelay(attempt: number): number {
  const delays = [15_000, 30_000, 60_000, 120_000, 300_000]
  return delays[Math.min(attempt, delays.length - 1)] ?? 300_000
}
