/**
 * Client for the Comfy API (CONTRACTS §5). Credentials are attached by one interceptor, and only
 * to requests for the configured origin: a look-alike host or another scheme gets nothing.
 */
import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'

import type { ApiErrorKind, Result } from '@/types/errors'
import { fail, ok } from '@/types/errors'

import { parseBalance, parseCustomer, type Balance, type Customer } from './schemas'

export type ComfyCredential = { kind: 'firebase'; idToken: string } | { kind: 'apiKey'; key: string }

export interface ComfyApiClientOptions {
  baseUrl: string
  /** The credential for the next request; `null` sends none. `forceRefresh` after a 401. */
  credential: (options?: { forceRefresh?: boolean }) => Promise<ComfyCredential | null>
  /** Called when the API still answers 401 after one fresh credential. */
  onUnauthorized?: () => void
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

export function classifyApiError(error: unknown): ApiErrorKind {
  if (!(error instanceof AxiosError)) return 'malformed'
  if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) return 'timeout'
  const status = error.response?.status
  if (status === undefined) return 'network'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 402) return 'paymentRequired'
  if (status === 404) return 'notFound'
  return status >= 500 ? 'server' : 'malformed'
}

/** Marks requests whose credential the interceptor attached, and those already retried. */
const ATTACHED = Symbol('comfyCredentialAttached')
const RETRIED = Symbol('comfyCredentialRetried')
type TrackedConfig = InternalAxiosRequestConfig & { [ATTACHED]?: boolean; [RETRIED]?: boolean }

export function createComfyApiClient({
  baseUrl,
  credential,
  onUnauthorized,
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
      request.headers.set(credentialHeaders(await credential({ forceRefresh: request[RETRIED] })))
      request[ATTACHED] = true
    }
    return request
  })

  // A 401 on a credential we attached: one fresh token and one retry, then give up for real.
  http.interceptors.response.use(undefined, async (error: unknown) => {
    const request = error instanceof AxiosError ? (error.config as TrackedConfig | undefined) : undefined
    if (error instanceof AxiosError && error.response?.status === 401 && request?.[ATTACHED]) {
      if (!request[RETRIED]) {
        request[RETRIED] = true
        return http.request(request)
      }
      onUnauthorized?.()
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
