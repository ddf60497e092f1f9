import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { HostApi } from './hostTypes'
import { installPromptCredentials } from './promptCredentials'
import { probePrompt } from './promptProbe'

/** ComfyUI's api as far as the probe goes: queuePrompt builds the body, fetchApi calls fetch. */
function hostApi(): HostApi {
  const api: HostApi = {
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    fetchApi: (route, init) => fetch(`/api${route}`, init),
    async queuePrompt(_number, { output, workflow }) {
      const body = {
        client_id: 'c',
        prompt: output,
        extra_data: {
          auth_token_comfy_org: api.authToken,
          api_key_comfy_org: api.apiKey,
          extra_pnginfo: { workflow }
        }
      }
      const response = await api.fetchApi('/prompt', { method: 'POST', body: JSON.stringify(body) })
      return response.json()
    }
  }
  return api
}

const network = vi.fn<typeof fetch>(async () => new Response('{}'))
beforeEach(() => {
  network.mockClear()
  vi.stubGlobal('fetch', network)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('probePrompt', () => {
  it('sees our credential at the last step, and nothing reaches the network', async () => {
    const api = hostApi()
    installPromptCredentials({
      api,
      lookup: async () => ({ status: 'ready', credential: { kind: 'apiKey', key: 'comfyui-secret' } })
    })
    expect(await probePrompt(api, 1000)).toBe('apiKey')
    expect(network).not.toHaveBeenCalled()
    expect(globalThis.fetch).toBe(network)
  })

  it('sees a credential the host filled in', async () => {
    const api = hostApi()
    api.authToken = 'host-token'
    expect(await probePrompt(api, 1000)).toBe('firebase')
  })

  it('sees nothing when another extension queues without extra_data', async () => {
    const api = hostApi()
    installPromptCredentials({
      api,
      lookup: async () => ({ status: 'ready', credential: { kind: 'firebase', idToken: 'token' } })
    })
    const plainFetchApi: HostApi['fetchApi'] = (route, init) => fetch(`/api${route}`, init)
    api.queuePrompt = async (_number, { output }) =>
      plainFetchApi('/prompt', { method: 'POST', body: JSON.stringify({ prompt: output }) })
    expect(await probePrompt(api, 1000)).toBe('none')
    expect(network).not.toHaveBeenCalled()
  })

  it('lets every other request through while it runs', async () => {
    const api = hostApi()
    let release!: () => void
    api.queuePrompt = async () => {
      await fetch('/api/object_info')
      await new Promise<void>((resolve) => (release = resolve))
      return undefined
    }
    const probing = probePrompt(api, 1000)
    await vi.waitFor(() => expect(network).toHaveBeenCalledWith('/api/object_info', undefined))
    release()
    // A wrapper that answered without fetching: the probe never reached the last step.
    expect(await probing).toBe('unknown')
    expect(globalThis.fetch).toBe(network)
  })

  it('gives up as "unknown" when the probe never arrives', async () => {
    const api = hostApi()
    api.queuePrompt = () => new Promise(() => {})
    expect(await probePrompt(api, 20)).toBe('unknown')
    expect(globalThis.fetch).toBe(network)
  })

  it('stays below a fetch wrapper installed meanwhile, passing everything through', async () => {
    const api = hostApi()
    let outer: typeof fetch | undefined
    api.queuePrompt = async (_number, { output }) => {
      const below = globalThis.fetch
      outer = (input, init) => below(input, init)
      globalThis.fetch = outer
      return api.fetchApi('/prompt', {
        method: 'POST',
        body: JSON.stringify({ prompt: output, extra_data: {} })
      })
    }
    expect(await probePrompt(api, 1000)).toBe('none')
    expect(globalThis.fetch).toBe(outer)
    await globalThis.fetch('/api/prompt', { method: 'POST', body: 'comfy-account-probe-x' })
    expect(network).toHaveBeenCalledTimes(1)
  })
})
