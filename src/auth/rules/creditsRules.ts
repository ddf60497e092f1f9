/**
 * When the balance matters and what it means: before a run, after a run, and on the status card.
 * Pure functions of the last known balance and the time; the store keeps the state, the host
 * wiring decides nothing of its own.
 */
import type { Balance } from '@/auth/comfyApi/comfyApiAnswers'

/** A balance as last read from the Comfy API; `balance: null` means no customer yet (no credits). */
export interface KnownBalance {
  balance: Balance | null
  /** `Date.now()` when the answer arrived. */
  at: number
}

export const CREDITS_TIMING = {
  /** Older than this, the balance is read again before a run with partner nodes is judged by it. */
  staleBeforeRunMs: 3 * 60_000,
  /** How long a run waits for that read; after this it goes out (never block on our uncertainty). */
  beforeRunTimeoutMs: 2_000,
  /** Opening the settings or coming back to the tab reads the balance at most this often. */
  glanceIntervalMs: 60_000
} as const

/**
 * Under this many millionths of the currency's unit the card says the balance is low (1 unit:
 * one US dollar buys a handful of partner-node runs).
 */
export const LOW_BALANCE_MICROS = 1_000_000

/** How the card and the run guard read a balance. */
export type CreditsStanding = 'unknown' | 'empty' | 'negative' | 'low' | 'enough'

export function creditsStanding(known: KnownBalance | null | undefined): CreditsStanding {
  if (!known) return 'unknown'
  const amount = known.balance?.amountMicros ?? 0
  if (amount < 0) return 'negative'
  if (amount === 0) return 'empty'
  return amount < LOW_BALANCE_MICROS ? 'low' : 'enough'
}

/** Partner nodes cannot be paid for: the run is worth a question first. */
export function cannotPay(standing: CreditsStanding): boolean {
  return standing === 'empty' || standing === 'negative'
}

/** Is the last known balance recent enough to decide a run by? */
export function isFreshForRun(
  known: KnownBalance | null | undefined,
  now: number,
  maxAgeMs: number = CREDITS_TIMING.staleBeforeRunMs
): known is KnownBalance {
  // A clock that went backwards (a corrected system time) makes every reading suspect.
  return Boolean(known) && now - (known as KnownBalance).at <= maxAgeMs && now >= (known as KnownBalance).at
}

/**
 * Before a run with partner nodes, from someone signed in: decide from a fresh balance, or read it
 * again first. Without a fresh answer in time the run goes out (`run`): a missing answer is our
 * uncertainty, not the user's empty account.
 */
export type RunCheck = 'run' | 'ask' | 'readFirst'

export function runCheck(known: KnownBalance | null | undefined, now: number): RunCheck {
  if (!isFreshForRun(known, now)) return 'readFirst'
  return cannotPay(creditsStanding(known)) ? 'ask' : 'run'
}

/** The card reads the balance again only if the last attempt is at least `glanceIntervalMs` old. */
export function mayRefreshAtGlance(
  lastAttemptAt: number | null,
  now: number,
  intervalMs: number = CREDITS_TIMING.glanceIntervalMs
): boolean {
  return lastAttemptAt === null || now - lastAttemptAt >= intervalMs || now < lastAttemptAt
}

/**
 * How a partner-node run ended, as the setup check can name it: a 402 or 401 the partner node met,
 * another failure, or none.
 */
export type RunOutcome = 'succeeded' | 'failed' | 'paymentRequired' | 'unauthorized'
