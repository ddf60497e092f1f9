/**
 * Checking a key nobody trusts yet (`POST /customers` with `X-API-KEY`, docs/host-contract.md, "The Comfy API"): a customer
 * record means valid, 401/403 means not, anything else says nothing about the key.
 */
import axios, { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'

import { ok, type ApiErrorKind } from '@/types/errors'

import { createComfyApiClient, type ComfyApiClientOptions } from './comfyApiClient'

const key = `comfyui-${'c'.repeat(64)}`

type Answer = { status: number; data?: unknown } | { error: string }

/** The Comfy API's ErrorResponse. */
const comfyError = { error: 'Unauthorized', message: 'Invalid API key' }

function clientAnswering(answer: Answer, options: Partial<ComfyApiClientOptions> = {}) {
  const seen: InternalAxiosRequestConfig[] = []
  let unauthorized = 0
  const adapter: AxiosAdapter = async (config) => {
    seen.push(config)
    if ('error' in answer) throw new AxiosError('failed', answer.error, config)
    const response = { data: answer.data ?? {}, status: answer.status, statusText: '', headers: {}, config }
    if (answer.status >= 400)
      throw new AxiosError('failed', AxiosError.ERR_BAD_RESPONSE, config, null, response)
    return response
  }
  const client = createComfyApiClient({
    baseUrl: 'https://api.comfy.org',
    credentials: {
      current: async () => ok({ kind: 'firebase', idToken: 'session-token' }),
      reportRejected: () => unauthorized++
    },
    http: axios.create({ adapter }),
    ...options
  })
  return { client, seen, unauthorized: () => unauthorized }
}

describe('verifyApiKey', () => {
  it('returns the customer of a key Comfy accepts', async () => {
    const { client } = clientAnswering({
      status: 201,
      data: { id: 'cus_9', name: 'Ada', email: 'ada@example.com' }
    })
    expect(await client.verifyApiKey(key)).toEqual({
      ok: true,
      value: { id: 'cus_9', name: 'Ada', email: 'ada@example.com' }
    })
  })

  it.for<{ answer: string; reply: Answer; kind: ApiErrorKind }>([
    { answer: "the API's own 401", reply: { status: 401, data: comfyError }, kind: 'unauthorized' },
    { answer: "the API's own 403", reply: { status: 403, data: comfyError }, kind: 'unauthorized' },
    // A proxy's or firewall's page says nothing about the key.
    {
      answer: 'a 403 page from something in between',
      reply: { status: 403, data: '<html>' },
      kind: 'network'
    },
    { answer: 'a 401 without a body', reply: { status: 401 }, kind: 'network' },
    { answer: '503', reply: { status: 503 }, kind: 'server' },
    { answer: '500', reply: { status: 500 }, kind: 'server' },
    { answer: 'a timeout', reply: { error: AxiosError.ECONNABORTED }, kind: 'timeout' },
    { answer: 'no answer at all', reply: { error: AxiosError.ERR_NETWORK }, kind: 'network' },
    { answer: 'a record without an id', reply: { status: 200, data: { name: 'x' } }, kind: 'malformed' }
  ])('classifies $answer as $kind', async ({ reply, kind }) => {
    const { client } = clientAnswering(reply)
    expect(await client.verifyApiKey(key)).toEqual({ ok: false, reason: kind })
  })

  it('sends exactly the key, and a rejected key is no verdict on the session (no retry, no sign-out)', async () => {
    const { client, seen, unauthorized } = clientAnswering({ status: 401, data: comfyError })
    await client.verifyApiKey(key)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.headers.get('X-API-KEY')).toBe(key)
    expect(seen[0]?.headers.get('Authorization')).toBeFalsy()
    expect(unauthorized()).toBe(0)
  })

  it('waits 10 s for a key check by default, shorter than other calls', async () => {
    const { client, seen } = clientAnswering({ status: 200, data: { id: 'cus_1' } })
    await client.verifyApiKey(key)
    await client.createCustomer()
    expect(seen.map((config) => config.timeout)).toEqual([10_000, 15_000])
  })

  it('takes its own timeout for key checks', async () => {
    const { client, seen } = clientAnswering(
      { status: 200, data: { id: 'cus_1' } },
      { verifyTimeoutMs: 2_500 }
    )
    await client.verifyApiKey(key)
    expect(seen[0]?.timeout).toBe(2_500)
  })
})
