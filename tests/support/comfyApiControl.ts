/**
 * The local Comfy API's test-only back door (`/__control/*`, dev/comfy-api-server/server.ts), for
 * tests that run in another process than the server. Every browser test file shares one server:
 * issue fresh keys per test and clear the fault after each one.
 */
import { inject } from 'vitest'

import { CONTROL_SECRET_HEADER } from '../../dev/comfy-api-server/server'
import type { Fault, KeyProfile, RecordedRequest } from '../../dev/comfy-api-server/server'

export interface ComfyApiControl {
  /** A new key of the real format that the server accepts until `forgetIssuedKeys()`. */
  issueKey(profile?: KeyProfile): Promise<string>
  setFault(fault: Fault): Promise<void>
  clearFault(): Promise<void>
  /** Forgets issued keys, customers, balances, the fault and the request log (not the demo key). */
  forgetIssuedKeys(): Promise<void>
  /** Every non-control request so far, oldest first. */
  requests(): Promise<RecordedRequest[]>
  /** The server forgets this issued key: it is refused from now on, as a key deleted on the platform. */
  revokeKey(key: string): Promise<void>
  /** The balance of the customer with this email (it must exist: sign in first), in micros. */
  setBalance(email: string, amountMicros: number): Promise<void>
  /** What `GET /customers/balance` answers for that customer, verbatim, until `setBalance`. */
  setBalanceAnswer(email: string, answer: unknown): Promise<void>
}

export function comfyApiControl(
  baseUrl: string = inject('comfyApiUrl'),
  secret: string = inject('comfyApiControlSecret')
): ComfyApiControl {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${baseUrl}/__control/${path}`, {
      method,
      headers: {
        [CONTROL_SECRET_HEADER]: secret,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    if (!response.ok) {
      throw new Error(`${method} /__control/${path} answered ${response.status}: ${await response.text()}`)
    }
    return response.json()
  }

  return {
    async issueKey(profile = {}) {
      return ((await call('POST', 'keys', profile)) as { key: string }).key
    },
    async setFault(fault) {
      await call('POST', 'fault', fault)
    },
    async clearFault() {
      await call('DELETE', 'fault')
    },
    async forgetIssuedKeys() {
      await call('POST', 'reset')
    },
    async requests() {
      return (await call('GET', 'requests')) as RecordedRequest[]
    },
    async revokeKey(key) {
      await call('POST', 'revoke', { key })
    },
    async setBalance(email, amountMicros) {
      await call('POST', 'balance', { email, amountMicros })
    },
    async setBalanceAnswer(email, answer) {
      await call('POST', 'balance', { email, answer })
    }
  }
}
