import { describe, expect, it, vi } from 'vitest'

import type { HostApi, HostApp } from './comfyHost'
import { classifyExecutionError } from './partnerNodeFailures'
import { installPartnerNodeGuard, partnerNodesIn } from './partnerNodeGuard'

const defs = {
  LoadImage: { display_name: 'Load Image' },
  OpenAIDalle3: { api_node: true, display_name: 'OpenAI DALL·E 3' },
  Veo: { api_node: true }
}

function setup({ signedIn = false, output = { 1: { class_type: 'OpenAIDalle3' } } } = {}) {
  const queuePrompt = vi.fn(async () => true)
  const app: HostApp = {
    registerExtension: vi.fn(),
    queuePrompt,
    graphToPrompt: async () => ({ output })
  }
  const api: HostApi = {
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    fetchApi: vi.fn(async () => new Response(JSON.stringify(defs)))
  }
  const ask = vi.fn(async () => 'handled' as const)
  installPartnerNodeGuard({ app, api, isSignedIn: async () => signedIn, ask, onError: vi.fn() })
  return { app, queuePrompt, ask }
}

describe('partner-node guard', () => {
  it('lists partner nodes by display name, once each', () => {
    const output = {
      1: { class_type: 'OpenAIDalle3' },
      2: { class_type: 'LoadImage' },
      3: { class_type: 'OpenAIDalle3' },
      4: { class_type: 'Veo' }
    }
    expect(partnerNodesIn(output, defs)).toEqual(['OpenAI DALL·E 3', 'Veo'])
  })

  it('asks before a signed-out run with partner nodes, and does not queue on its own', async () => {
    const { app, queuePrompt, ask } = setup()
    await expect(app.queuePrompt?.()).resolves.toBe(false)
    expect(ask).toHaveBeenCalledWith(['OpenAI DALL·E 3'], expect.any(Function))
    expect(queuePrompt).not.toHaveBeenCalled()
  })

  it('queues at once when "Run anyway" is chosen', async () => {
    const { app, queuePrompt, ask } = setup()
    ask.mockResolvedValueOnce('runAnyway' as never)
    await app.queuePrompt?.()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
  })

  it.for([
    ['signed in', { signedIn: true }],
    ['no partner nodes', { output: { 1: { class_type: 'LoadImage' } } }]
  ] as const)('does not ask when %s', async ([, options]) => {
    const { app, queuePrompt, ask } = setup(options)
    await app.queuePrompt?.()
    expect(ask).not.toHaveBeenCalled()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
  })
})

describe('classifyExecutionError', () => {
  it.for([
    ['Unauthorized: Please login first to use this node.', 'unauthorized'],
    ['Exception: Unauthorized: Please login first to use this node.', 'unauthorized'],
    ['Payment Required: Please add credits to your account to use this node.', 'paymentRequired'],
    ['CUDA out of memory', undefined],
    [undefined, undefined]
  ] as const)('%s → %s', ([message, kind]) => {
    expect(classifyExecutionError(message)).toBe(kind)
  })
})
