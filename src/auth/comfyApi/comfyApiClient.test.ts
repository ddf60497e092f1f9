import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'

import { ok } from '@/types/errors'

import { createComfyApiClient, isComfyApiUrl } from './comfyApiClient'

const base = 'https://api.comfy.org'

describe('isComfyApiUrl', () => {
  it.for([
    ['https://api.comfy.org/customers', true],
    ['/customers/balance', true],
    ['https://api.comfy.org:443/customers', true],
    ['http://api.comfy.org/customers', false],
    ['https://api.comfy.org.evil.test/customers', false],
    ['https://evil.test/?u=https://api.comfy.org', false],
    ['https://stagingapi.comfy.org/customers', false],
    ['https://api.comfy.org:8443/customers', false],
    ['https://user@evil.test/api.comfy.org', false],
    ['//evil.test/customers', false]
  ] as const)('%s → %s', ([url, expected]) => {
    expect(isComfyApiUrl(url, base)).toBe(expected)
  })
})

function recordingClient() {
  const seen: InternalAxiosRequestConfig[] = []
  const adapter: AxiosAdapter = async (config) => {
    seen.push(config)
    return { data: { id: 'cus_1' }, status: 200, statusText: 'OK', headers: {}, config }
  }
  const http = axios.create({ adapter })
  const client = createComfyApiClient({
    baseUrl: base,
    credentials: {
      current: async () => ok({ kind: 'firebase', idToken: 'secret-token' }),
      reportRejected: () => undefined
    },
    http
  })
  return { client, seen }
}

describe('the Comfy API client', () => {
  it('sends the credential to the Comfy API', async () => {
    const { client, seen } = recordingClient()
    await client.createCustomer()
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer secret-token')
  })

  it.for(['https://api.comfy.org.evil.test/x', 'http://api.comfy.org/customers', 'https://example.com/'])(
    'never attaches credentials to %s',
    async (url) => {
      const { client, seen } = recordingClient()
      await client.http.get(url, { headers: { 'X-API-KEY': 'comfyui-leak' } })
      expect(seen[0]?.headers.get('Authorization')).toBeFalsy()
      expect(seen[0]?.headers.get('X-API-KEY')).toBeFalsy()
    }
  )

  it('verifies a key with exactly that key, not the session token', async () => {
    const { client, seen } = recordingClient()
    await client.verifyApiKey('comfyui-abc')
    expect(seen[0]?.headers.get('X-API-KEY')).toBe('comfyui-abc')
    expect(seen[0]?.headers.get('Authorization')).toBeFalsy()
  })
})

describe('a 401 from the Comfy API', () => {
  function client(statuses: number[]) {
    const tokens: string[] = []
    let refreshes = 0
    const adapter: AxiosAdapter = async (config) => {
      tokens.push(String(config.headers.get('Authorization')))
      const status = statuses.shift() ?? 200
      if (status === 200) return { data: { id: 'cus_1' }, status, statusText: 'OK', headers: {}, config }
      throw new axios.AxiosError('nope', 'ERR_BAD_REQUEST', config, null, {
        data: { error: 'Unauthorized', message: 'Invalid token' },
        status,
        statusText: 'Unauthorized',
        headers: {},
        config
      })
    }
    let unauthorized = 0
    const api = createComfyApiClient({
      baseUrl: base,
      http: axios.create({ adapter }),
      credentials: {
        current: async ({ forceRefresh = false } = {}) => {
          if (forceRefresh) refreshes++
          return ok({ kind: 'firebase', idToken: forceRefresh ? 'fresh' : 'stale' })
        },
        reportRejected: (rejected) => {
          expect(rejected).toBe('firebase')
          unauthorized++
        }
      }
    })
    return { api, tokens, counts: () => ({ refreshes, unauthorized }) }
  }

  it('gets one fresh token and retries once', async () => {
    const { api, tokens, counts } = client([401, 200])
    const result = await api.createCustomer()
    expect(result.ok).toBe(true)
    expect(tokens).toEqual(['Bearer stale', 'Bearer fresh'])
    expect(counts()).toEqual({ refreshes: 1, unauthorized: 0 })
  })

  it('gives up after the retry and reports it', async () => {
    const { api, tokens, counts } = client([401, 401])
    const result = await api.createCustomer()
    expect(result).toEqual({ ok: false, reason: 'unauthorized' })
    expect(tokens).toHaveLength(2)
    expect(counts()).toEqual({ refreshes: 1, unauthorized: 1 })
  })
})

describe('a request we cannot authenticate', () => {
  it('is never sent, and fails as "could not reach", not as a verdict on the credential', async () => {
    const sent: unknown[] = []
    const api = createComfyApiClient({
      baseUrl: base,
      http: axios.create({
        adapter: async (config) => {
          sent.push(config)
          return { data: {}, status: 200, statusText: 'OK', headers: {}, config }
        }
      }),
      credentials: { current: async () => ok(null), reportRejected: () => undefined }
    })
    expect(await api.getBalance()).toEqual({ ok: false, reason: 'network' })
    expect(sent).toEqual([])
  })
})
