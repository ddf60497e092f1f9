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

export function parseBalance(body: unknown): Balance | undefined {
  if (!isRecord(body) || typeof body.amount_micros !== 'number' || !Number.isFinite(body.amount_micros)) {
    return undefined
  }
  return {
    amountMicros: body.amount_micros,
    currency: typeof body.currency === 'string' ? body.currency : 'usd'
  }
}
