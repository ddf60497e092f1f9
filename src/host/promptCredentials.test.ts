import { afterEach, describe, expect, it, vi } from 'vitest'

import type { ComfyCredential } from '@/auth/credentials/credentialSource'
import { fail, ok, type AuthErrorKind, type Result } from '@/types/errors'

import { deferred } from '../../tests/support/fakeServices'
import type { HostApi } from './hostTypes'
import { createCredentialLookup, installPromptCredentials, type CredentialLookup } from './promptCredentials'

type CredentialResult = Result<ComfyCredential | null, AuthErrorKind>

function fakeApi() {
  const sent: Array<{ route: string; init: RequestInit | undefined }> = []
  const api: HostApi = {
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    fetchApi: vi.fn(async (route: string, init?: RequestInit) => {
      sent.push({ route, init })
      return new Response('{}')
    })
  }
  return { api, sent }
}

const promptInit = (extra: unknown = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ client_id: 'c', prompt: { 1: { class_type: 'X', inputs: {} } }, extra_data: extra })
})

const ready = (credential: ComfyCredential): CredentialLookup => ({ status: 'ready', credential })
const firebase = { kind: 'firebase', idToken: 'token-1' } as const
/** The extra_data of what reached the host's fetchApi. */
const extraOf = (sent: ReturnType<typeof fakeApi>['sent'], index = 0) =>
  (JSON.parse(String(sent[index]?.init?.body)) as { extra_data?: unknown }).extra_data

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('installPromptCredentials', () => {
  it.for([
    ['firebase', firebase, { auth_token_comfy_org: 'token-1' }],
    ['API key', { kind: 'apiKey', key: 'comfyui-key' }, { api_key_comfy_org: 'comfyui-key' }]
  ] as const)('adds the %s credential to POST /prompt', async ([, credential, expected]) => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, lookup: async () => ready(credential) })
    await api.fetchApi('/prompt', promptInit({ extra_pnginfo: { workflow: {} } }))
    expect(extraOf(sent)).toEqual({ ...expected, extra_pnginfo: { workflow: {} } })
  })

  it('tells onQueued what went out, credential included, and the answer; other routes not at all', async () => {
    const { api } = fakeApi()
    const onQueued = vi.fn()
    installPromptCredentials({ api, lookup: async () => ready(firebase), onQueued })
    const answer = await api.fetchApi('/prompt', promptInit())
    await api.fetchApi('/mynode/prompt', promptInit())
    expect(onQueued).toHaveBeenCalledTimes(1)
    const [body, response] = onQueued.mock.calls[0] as [string, Response]
    expect((JSON.parse(body) as { extra_data: unknown }).extra_data).toEqual({
      auth_token_comfy_org: 'token-1'
    })
    expect(response).toBe(answer)
  })

  it('adds it when the body has no extra_data, and to /prompt with a query string', async () => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, lookup: async () => ready(firebase) })
    await api.fetchApi('/prompt?source=test', { method: 'post', body: JSON.stringify({ prompt: {} }) })
    expect(extraOf(sent)).toEqual({ auth_token_comfy_org: 'token-1' })
  })

  it.for([{ auth_token_comfy_org: 'host-token' }, { api_key_comfy_org: 'host-key' }])(
    'never touches a prompt the host already filled (%o)',
    async (hostFields) => {
      const { api, sent } = fakeApi()
      const lookup = vi.fn(async () => ready(firebase))
      installPromptCredentials({ api, lookup })
      await api.fetchApi('/prompt', promptInit(hostFields))
      expect(extraOf(sent)).toEqual(hostFields)
      expect(lookup).not.toHaveBeenCalled()
    }
  )

  it.for<[string, CredentialLookup]>([
    ['nobody is signed in', { status: 'signedOut' }],
    ['the token cannot be refreshed', { status: 'unavailable', reason: 'network' }],
    ['the lookup timed out', { status: 'unavailable', reason: 'timeout' }]
  ])('sends the prompt as it is when %s (never refuses it)', async ([, found]) => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, lookup: async () => found })
    const init = promptInit({ extra_pnginfo: {} })
    await expect(api.fetchApi('/prompt', init)).resolves.toBeInstanceOf(Response)
    expect(sent).toEqual([{ route: '/prompt', init }])
    expect(extraOf(sent)).toEqual({ extra_pnginfo: {} })
  })

  it.for<[string, RequestInit | undefined]>([
    ['/mynode/prompt', promptInit()],
    ['/llm/prompt/', promptInit()],
    ['/api_ext/prompt', promptInit()],
    ['/prompt/', promptInit()],
    ['prompt', promptInit()],
    ['/prompts', promptInit()],
    ['/queue', { method: 'POST', body: '{"clear":true}' }],
    ['/prompt', { method: 'GET' }],
    ['/prompt', undefined]
  ])('leaves %s %o alone: unread, unchanged, no lookup', async ([route, init]) => {
    const { api, sent } = fakeApi()
    const lookup = vi.fn(async () => ready(firebase))
    installPromptCredentials({ api, lookup })
    const parse = vi.spyOn(JSON, 'parse')
    await api.fetchApi(route, init)
    expect(parse).not.toHaveBeenCalled()
    expect(lookup).not.toHaveBeenCalled()
    expect(sent[0]?.init).toBe(init)
  })

  it.for<[string, unknown]>([
    ['a string', 'oops'],
    ['an array', [{ auth_token_comfy_org: '' }]],
    ['null', null],
    ['a number', 42]
  ])('leaves the body untouched when extra_data is %s', async ([, extra]) => {
    const { api, sent } = fakeApi()
    const lookup = vi.fn(async () => ready(firebase))
    installPromptCredentials({ api, lookup })
    const init = promptInit(extra)
    await api.fetchApi('/prompt', init)
    expect(sent[0]?.init).toBe(init)
    expect(lookup).not.toHaveBeenCalled()
  })

  it.for(['not json', '[1,2]', '"a string"'])('leaves a POST /prompt body of %s alone', async (body) => {
    const { api, sent } = fakeApi()
    const lookup = vi.fn(async () => ready(firebase))
    installPromptCredentials({ api, lookup })
    const init = { method: 'POST', body }
    await api.fetchApi('/prompt', init)
    expect(sent[0]?.init).toBe(init)
    expect(lookup).not.toHaveBeenCalled()
  })

  it('looks up a credential once per submission', async () => {
    const { api } = fakeApi()
    const lookup = vi.fn(async () => ready(firebase))
    installPromptCredentials({ api, lookup })
    await Promise.all(Array.from({ length: 5 }, () => api.fetchApi('/prompt', promptInit())))
    expect(lookup).toHaveBeenCalledTimes(5)
  })

  it('sends a prompt whose credential never comes after the time limit, without it', async () => {
    vi.useFakeTimers()
    const { api, sent } = fakeApi()
    const never = new Promise<CredentialResult>(() => {})
    installPromptCredentials({ api, lookup: createCredentialLookup({ credential: () => never }) })
    const queued = api.fetchApi('/prompt', promptInit())
    await vi.advanceTimersByTimeAsync(2999)
    expect(sent).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await queued
    expect(extraOf(sent)).toEqual({})
  })

  it('can be removed again', () => {
    const { api } = fakeApi()
    const original = api.fetchApi
    const uninstall = installPromptCredentials({ api, lookup: async () => ({ status: 'signedOut' }) })
    expect(api.fetchApi).not.toBe(original)
    uninstall()
    expect(api.fetchApi).toBe(original)
  })
})

describe('createCredentialLookup', () => {
  it.for<[string, () => Promise<CredentialResult>, CredentialLookup]>([
    ['a credential', async () => ok(firebase), ready(firebase)],
    ['nobody signed in', async () => ok(null), { status: 'signedOut' }],
    ['a failed refresh', async () => fail('network'), { status: 'unavailable', reason: 'network' }],
    [
      'a provider that throws',
      () => Promise.reject(new Error('bug')),
      { status: 'unavailable', reason: 'unknown' }
    ]
  ])('answers %s', async ([, credential, expected]) => {
    await expect(createCredentialLookup({ credential })()).resolves.toEqual(expected)
  })

  it('gives up after 3 s, then answers at once while that lookup is still pending', async () => {
    vi.useFakeTimers()
    const slow = deferred<CredentialResult>()
    const credential = vi.fn(() => slow.promise)
    const lookup = createCredentialLookup({ credential })
    let answer: CredentialLookup | undefined
    const first = lookup().then((found) => (answer = found))
    await vi.advanceTimersByTimeAsync(2999)
    expect(answer).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    await first
    expect(answer).toEqual({ status: 'unavailable', reason: 'timeout' })

    // "Run anyway" right after the choice, or the next prompt of a batch: no second wait.
    await expect(lookup()).resolves.toEqual({ status: 'unavailable', reason: 'timeout' })
    expect(credential).toHaveBeenCalledTimes(1)

    // Once the slow one has settled, the next prompt asks again.
    slow.resolve(ok(firebase))
    await vi.advanceTimersByTimeAsync(0)
    credential.mockResolvedValueOnce(ok(firebase))
    await expect(lookup()).resolves.toEqual(ready(firebase))
    expect(credential).toHaveBeenCalledTimes(2)
  })

  it('waits again after retryAfterMs when a lookup never settles', async () => {
    vi.useFakeTimers()
    const credential = vi.fn(() => new Promise<CredentialResult>(() => {}))
    const lookup = createCredentialLookup({ credential, timeoutMs: 100, retryAfterMs: 1000 })
    const first = lookup()
    await vi.advanceTimersByTimeAsync(100)
    await first
    await vi.advanceTimersByTimeAsync(999)
    await lookup()
    expect(credential).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    const again = lookup()
    await vi.advanceTimersByTimeAsync(100)
    await expect(again).resolves.toEqual({ status: 'unavailable', reason: 'timeout' })
    expect(credential).toHaveBeenCalledTimes(2)
  })

  it('answers as soon as the credential comes, well before the limit', async () => {
    vi.useFakeTimers()
    const quick = deferred<CredentialResult>()
    const lookup = createCredentialLookup({ credential: () => quick.promise })
    const found = lookup()
    await vi.advanceTimersByTimeAsync(500)
    quick.resolve(ok(firebase))
    await expect(found).resolves.toEqual(ready(firebase))
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('after a ComfyUI user switch closed the previous user session', () => {
  /** An unsigned JWT naming `sub`, like the ID tokens the host and we send. */
  const tokenOf = (sub: string) => `e30.${btoa(JSON.stringify({ sub })).replace(/=+$/u, '')}.`
  const signedOut: CredentialLookup = { status: 'signedOut' }

  it.for([
    {
      label: "the previous user's token, nobody signed in now",
      host: { auth_token_comfy_org: tokenOf('alice') },
      ours: signedOut,
      expected: {}
    },
    {
      label: "the previous user's token, another user signed in now",
      host: { auth_token_comfy_org: tokenOf('alice') },
      ours: ready({ kind: 'firebase', idToken: tokenOf('bob') }),
      expected: { auth_token_comfy_org: tokenOf('bob') }
    },
    {
      label: "the same user's token (ComfyUI caught up)",
      host: { auth_token_comfy_org: tokenOf('bob') },
      ours: ready({ kind: 'firebase', idToken: tokenOf('bob') }),
      expected: { auth_token_comfy_org: tokenOf('bob') }
    },
    {
      label: "the previous user's key",
      host: { api_key_comfy_org: 'comfyui-alice' },
      ours: signedOut,
      expected: {}
    }
  ])('$label: only the current user credential goes out', async ({ host, ours, expected }) => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, lookup: async () => ours, distrustHost: () => true })
    await api.fetchApi('/prompt', promptInit(host))
    expect(extraOf(sent)).toEqual(expected)
  })
})
