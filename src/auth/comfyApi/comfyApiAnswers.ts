/** Parsers for Comfy API responses: `unknown` in, typed value or `undefined` out. */

export interface Customer {
  id: string
  email: string | null
  name: string | null
}

export interface Balance {
  /** Millionths of `currency`'s unit. */
  amountMicros: number
  currency: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const optionalString = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null

export function parseCustomer(body: unknown): Customer | undefined {
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') return undefined
  return { id: body.id, email: optionalString(body.email), name: optionalString(body.name) }
}

/**
 * Balances beyond this (a billion units of money) are no real account: such an answer is
 * unreadable, not a fortune to show.
 */
const IMPLAUSIBLE_BALANCE_MICROS = 1e15

/** `undefined` for a balance that is missing, not a number, or implausibly large either way. */
export function parseBalance(body: unknown): Balance | undefined {
  if (!isRecord(body) || typeof body.amount_micros !== 'number') return undefined
  const amount = body.amount_micros
  if (!Number.isFinite(amount) || Math.abs(amount) >= IMPLAUSIBLE_BALANCE_MICROS) return undefined
  return {
    amountMicros: body.amount_micros,
    currency: typeof body.currency === 'string' ? body.currency : 'usd'
  }
}
