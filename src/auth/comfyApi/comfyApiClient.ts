/**
 * Client for the Comfy API (docs/host-contract.md, "The Comfy API"). Credentials are attached by one interceptor, and only
 * to requests for the configured origin: a look-alike host or another scheme gets nothing.
 */
import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'

import type { ComfyCredential, CredentialSource } from '@/auth/credentials/credentialSource'
import type { ApiErrorKind, Result } from '@/types/errors'
import { fail, ok } from '@/types/errors'

import { parseBalance, parseCustomer, type Balance, type Customer } from './comfyApiAnswers'

export interface ComfyApiClientOptions {
  baseUrl: string
  /**
   * Where credentials come from: `current()` for each request (`forceRefresh` after a 401), and
   * `reportRejected()` with the credential the API still refused after one fresh try.
   */
  credentials: Pick<CredentialSource, 'current' | 'reportRejected'>
  /** @default 15000 */
  timeoutMs?: number
  /**
   * How long checking a key may take. Shorter than `timeoutMs`: someone is waiting on "Save key",
   * and an answer this late says nothing about the key anyway (it is "could not check, try again").
   * @default 10000
   */
  verifyTimeoutMs?: number
  /** For tests. @default axios.create() */
  http?: AxiosInstance
}

export interface ComfyApiClient {
  /** Create-or-get the customer of the current credential (`POST /customers`). */
  createCustomer(): Promise<Result<Customer, ApiErrorKind>>
  /** Checks a key nobody trusts yet: `POST /customers` with exactly this key. */
  verifyApiKey(key: string): Promise<Result<Customer, ApiErrorKind>>
  /** `null`: no customer record yet, so no credits yet. */
  getBalance(): Promise<Result<Balance | null, ApiErrorKind>>
  /** The axios instance, with the credential interceptor installed. */
  http: AxiosInstance
}

/** What the store needs of the client. */
export type ComfyApi = Pick<ComfyApiClient, 'createCustomer' | 'verifyApiKey' | 'getBalance'>

export function credentialHeaders(credential: ComfyCredential | null): Record<string, string> {
  if (!credential) return {}
  return credential.kind === 'firebase'
    ? { Authorization: `Bearer ${credential.idToken}` }
    : { 'X-API-KEY': credential.key }
}

/** True only for URLs on exactly the Comfy API origin (scheme, host and port). */
export function isComfyApiUrl(url: string, baseUrl: string): boolean {
  try {
    return new URL(url, baseUrl).origin === new URL(baseUrl).origin
  } catch {
    return false
  }
}

/**
 * The Comfy API's own error answer, `{ error, message }` (ErrorResponse). A 401/403 without it
 * came from something in between (a proxy, a CDN, a firewall page) and says nothing about the
 * credential.
 */
function isComfyErrorAnswer(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (('message' in body && typeof body.message === 'string') ||
      ('error' in body && typeof body.error === 'string'))
  )
}

/** A request that needs a credential we could not get (offline token service): never sent. */
export class CredentialUnavailableError extends Error {
  override name = 'CredentialUnavailableError'
}

export function classifyApiError(error: unknown): ApiErrorKind {
  if (error instanceof CredentialUnavailableError) return 'network'
  if (!(error instanceof AxiosError)) return 'malformed'
  if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) return 'timeout'
  const status = error.response?.status
  if (status === undefined) return 'network'
  if (status === 401 || status === 403)
    return isComfyErrorAnswer(error.response?.data) ? 'unauthorized' : 'network'
  if (status === 402) return 'paymentRequired'
  if (status === 404) return 'notFound'
  return status >= 500 ? 'server' : 'malformed'
}

/** Marks requests whose credential the interceptor attached (and which), and those already retried. */
const ATTACHED = Symbol('comfyCredentialAttached')
const RETRIED = Symbol('comfyCredentialRetried')
type TrackedConfig = InternalAxiosRequestConfig & {
  [ATTACHED]?: ComfyCredential['kind']
  [RETRIED]?: boolean
}

export function createComfyApiClient({
  baseUrl,
  credentials,
  timeoutMs = 15_000,
  verifyTimeoutMs = 10_000,
  http = axios.create()
}: ComfyApiClientOptions): ComfyApiClient {
  http.defaults.baseURL = baseUrl
  http.defaults.timeout = timeoutMs

  http.interceptors.request.use(async (request: TrackedConfig) => {
    const url = http.getUri(request)
    const explicit = request.headers.has('X-API-KEY') || request.headers.has('Authorization')
    if (!isComfyApiUrl(url, baseUrl)) {
      request.headers.delete('Authorization')
      request.headers.delete('X-API-KEY')
    } else if (!explicit || request[ATTACHED]) {
      const found = await credentials.current({ forceRefresh: request[RETRIED] })
      const current = found.ok ? found.value : null
      // Sent without a credential, the API would answer 401, and that would read as a verdict.
      if (!current) throw new CredentialUnavailableError('No credential for the Comfy API right now.')
      request.headers.set(credentialHeaders(current))
      request[ATTACHED] = current.kind
    }
    return request
  })

  // A 401 on a credential we attached: one fresh token and one retry, then give up for real.
  http.interceptors.response.use(undefined, async (error: unknown) => {
    const request = error instanceof AxiosError ? (error.config as TrackedConfig | undefined) : undefined
    const attached = request?.[ATTACHED]
    if (request && attached && error instanceof AxiosError && classifyApiError(error) === 'unauthorized') {
      if (!request[RETRIED]) {
        request[RETRIED] = true
        return http.request(request)
      }
      credentials.reportRejected(attached)
    }
    throw error
  })

  async function call<T>(
    run: () => Promise<{ data: unknown }>,
    parse: (body: unknown) => T | undefined
  ): Promise<Result<T, ApiErrorKind>> {
    try {
      const value = parse((await run()).data)
      return value === undefined ? fail('malformed') : ok(value)
    } catch (error) {
      return fail(classifyApiError(error))
    }
  }

  return {
    http,
    createCustomer: () => call(() => http.post('/customers'), parseCustomer),
    verifyApiKey: (key) =>
      call(
        () =>
          http.post('/customers', undefined, {
            headers: credentialHeaders({ kind: 'apiKey', key }),
            timeout: verifyTimeoutMs
          }),
        parseCustomer
      ),
    async getBalance() {
      const result = await call(() => http.get('/customers/balance'), parseBalance)
      return !result.ok && result.reason === 'notFound' ? ok(null) : result
    }
  }
}
