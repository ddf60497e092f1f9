import { describe, expect, it, vi } from 'vitest'

import { fail, ok } from '@/types/errors'

import type { HostApi } from './comfyHost'
import { installPromptCredentials, PromptCredentialUnavailableError } from './promptCredentials'

function fakeApi() {
  const sent: Array<{ route: string; body: unknown }> = []
  const api: HostApi = {
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    fetchApi: vi.fn(async (route: string, init?: RequestInit) => {
      const raw = init?.body
      sent.push({ route, body: typeof raw === 'string' && raw.startsWith('{') ? JSON.parse(raw) : raw })
      return new Response('{}')
    })
  }
  return { api, sent }
}

const promptInit = (extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ client_id: 'c', prompt: { 1: { class_type: 'X', inputs: {} } }, extra_data: extra })
})

describe('installPromptCredentials', () => {
  it.for([
    ['firebase', { kind: 'firebase', idToken: 'token-1' }, { auth_token_comfy_org: 'token-1' }],
    ['API key', { kind: 'apiKey', key: 'comfyui-key' }, { api_key_comfy_org: 'comfyui-key' }]
  ] as const)('adds the %s credential to POST /prompt', async ([, credential, expected]) => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, credential: async () => ok(credential), unavailableMessage: () => 'x' })
    await api.fetchApi('/prompt', promptInit({ extra_pnginfo: { workflow: {} } }))
    expect(sent[0]?.body).toMatchObject({ extra_data: { ...expected, extra_pnginfo: { workflow: {} } } })
  })

  it.for([{ auth_token_comfy_org: 'host-token' }, { api_key_comfy_org: 'host-key' }])(
    'never touches a prompt the host already filled (%o)',
    async (hostFields) => {
      const { api, sent } = fakeApi()
      const credential = vi.fn(async () => ok({ kind: 'firebase' as const, idToken: 'ours' }))
      installPromptCredentials({ api, credential, unavailableMessage: () => 'x' })
      await api.fetchApi('/prompt', promptInit(hostFields))
      expect((sent[0]?.body as { extra_data: unknown }).extra_data).toEqual(hostFields)
      expect(credential).not.toHaveBeenCalled()
    }
  )

  it('sends no credential when nobody is signed in', async () => {
    const { api, sent } = fakeApi()
    installPromptCredentials({ api, credential: async () => ok(null), unavailableMessage: () => 'x' })
    await api.fetchApi('/prompt', promptInit())
    expect((sent[0]?.body as { extra_data: unknown }).extra_data).toEqual({})
  })

  it.for([
    ['/queue', { method: 'POST', body: '{}' }],
    ['/prompt', { method: 'GET' }],
    ['/prompts', { method: 'POST', body: '{}' }],
    ['/prompt', { method: 'POST', body: 'not json' }]
  ] as const)('leaves %s %o alone', async ([route, init]) => {
    const { api } = fakeApi()
    const credential = vi.fn(async () => ok({ kind: 'apiKey' as const, key: 'k' }))
    installPromptCredentials({ api, credential, unavailableMessage: () => 'x' })
    await api.fetchApi(route, init)
    expect(credential).not.toHaveBeenCalled()
  })

  it('refuses to send a prompt when no valid token can be had', async () => {
    const { api, sent } = fakeApi()
    installPromptCredentials({
      api,
      credential: async () => fail('network' as const),
      unavailableMessage: (kind) => `no token (${kind})`
    })
    await expect(api.fetchApi('/prompt', promptInit())).rejects.toThrow(PromptCredentialUnavailableError)
    expect(sent).toHaveLength(0)
  })

  it('asks for a credential once per submission', async () => {
    const { api } = fakeApi()
    const credential = vi.fn(async () => ok({ kind: 'firebase' as const, idToken: 't' }))
    installPromptCredentials({ api, credential, unavailableMessage: () => 'x' })
    await Promise.all(Array.from({ length: 5 }, () => api.fetchApi('/prompt', promptInit())))
    expect(credential).toHaveBeenCalledTimes(5)
  })

  it('can be removed again', async () => {
    const { api } = fakeApi()
    const original = api.fetchApi
    const uninstall = installPromptCredentials({
      api,
      credential: async () => ok(null),
      unavailableMessage: () => ''
    })
    expect(api.fetchApi).not.toBe(original)
    uninstall()
    expect(api.fetchApi).toBe(original)
  })
})
