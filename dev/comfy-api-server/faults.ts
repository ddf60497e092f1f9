/**
 * Injected failures, so the extension's handling of a flaky Comfy API can be shown and tested:
 * an error status, a body that is not JSON, or a server that takes its time.
 */

export interface Fault {
  /** Answer with this status (400–599) and an ErrorResponse body. */
  status?: number
  /** Answer with a body that is not JSON (status 200, or `status` when given). */
  malformed?: boolean
  /** Keep the connection open this long before answering (normally, or with the fault). */
  hangMs?: number
  /** How many matching requests get the fault. @default unlimited, until cleared */
  times?: number
  /** Only requests whose path starts with this. @default every non-control path */
  path?: string
}

/** The longest hang accepted; longer ones are almost certainly a unit mistake (s vs ms). */
export const MAX_HANG_MS = 10 * 60 * 1000

export type FaultParse = { ok: true; fault: Fault } | { ok: false; message: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Validates a fault from an untrusted source (the control endpoint or a test). */
export function parseFault(value: unknown): FaultParse {
  if (!isRecord(value))
    return { ok: false, message: 'A fault is a JSON object, e.g. {"status":503,"times":1}.' }
  const { status, malformed, hangMs, times, path } = value
  const fault: Fault = {}

  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
      return { ok: false, message: '"status" must be an integer from 400 to 599.' }
    }
    fault.status = status as number
  }
  if (malformed !== undefined) {
    if (typeof malformed !== 'boolean') return { ok: false, message: '"malformed" must be a boolean.' }
    if (malformed) fault.malformed = true
  }
  if (hangMs !== undefined) {
    if (typeof hangMs !== 'number' || !Number.isFinite(hangMs) || hangMs < 0 || hangMs > MAX_HANG_MS) {
      return { ok: false, message: `"hangMs" must be a number of milliseconds from 0 to ${MAX_HANG_MS}.` }
    }
    if (hangMs > 0) fault.hangMs = hangMs
  }
  if (times !== undefined) {
    if (!Number.isInteger(times) || (times as number) < 1) {
      return { ok: false, message: '"times" must be a positive integer (leave it out for "until cleared").' }
    }
    fault.times = times as number
  }
  if (path !== undefined) {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      return {
        ok: false,
        message: '"path" must be a path prefix starting with "/", e.g. "/customers/balance".'
      }
    }
    fault.path = path
  }
  if (fault.status === undefined && fault.malformed === undefined && fault.hangMs === undefined) {
    return { ok: false, message: 'A fault needs at least one of "status", "malformed" or "hangMs".' }
  }
  return { ok: true, fault }
}

export interface FaultInjector {
  set(fault: Fault | null): void
  /** The fault for this request, if any; counts it against `times`. */
  take(path: string): Fault | null
  current(): Fault | null
}

export function createFaultInjector(): FaultInjector {
  let active: Fault | null = null
  let remaining = Infinity

  return {
    set(fault) {
      active = fault === null ? null : { ...fault }
      remaining = fault?.times ?? Infinity
    },
    take(path) {
      if (active === null) return null
      if (active.path !== undefined && !path.startsWith(active.path)) return null
      const fault = active
      remaining -= 1
      if (remaining <= 0) active = null
      return fault
    },
    current: () =>
      active === null ? null : { ...active, ...(Number.isFinite(remaining) ? { times: remaining } : {}) }
  }
}
