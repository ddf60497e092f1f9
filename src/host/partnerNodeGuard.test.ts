import { afterEach, describe, expect, it, vi } from 'vitest'

import type { HostApi, HostApp } from './hostTypes'
import { createPartnerNodeCatalog, partnerNodesIn } from './partnerNodeCatalog'
import { installPartnerNodeGuard, type RunCredits } from './partnerNodeGuard'
import { createCredentialLookup, type CredentialLookup } from './promptCredentials'

const defs = {
  LoadImage: { display_name: 'Load Image' },
  OpenAIDalle3: { api_node: true, display_name: 'OpenAI DALL·E 3' },
  Veo: { api_node: true }
}

const signedIn: CredentialLookup = { status: 'ready', credential: { kind: 'firebase', idToken: 't' } }
const signedOut: CredentialLookup = { status: 'signedOut' }
const partnerGraph = { 1: { class_type: 'OpenAIDalle3' } }
const plainGraph = { 1: { class_type: 'LoadImage' } }

function setup({
  lookup = async (): Promise<CredentialLookup> => signedOut,
  output = partnerGraph as Record<string, { class_type: string }>,
  credits = undefined as RunCredits | undefined
} = {}) {
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
  installPartnerNodeGuard({
    app,
    catalog: createPartnerNodeCatalog(api),
    lookup,
    credits,
    ask,
    onError: vi.fn()
  })
  return { app, api, queuePrompt, ask }
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

  it.for<[string, CredentialLookup, string]>([
    ['signed out', signedOut, 'signedOut'],
    [
      'a token that cannot be refreshed',
      { status: 'unavailable', reason: 'network' },
      'credentialUnavailable'
    ],
    ['a lookup that timed out', { status: 'unavailable', reason: 'timeout' }, 'credentialUnavailable']
  ])(
    'asks before a run with partner nodes when %s, and does not queue on its own',
    async ([, found, reason]) => {
      const { app, queuePrompt, ask } = setup({ lookup: async () => found })
      await expect(app.queuePrompt?.()).resolves.toBe(false)
      expect(ask).toHaveBeenCalledWith(['OpenAI DALL·E 3'], expect.any(Function), reason, document.body)
      expect(queuePrompt).not.toHaveBeenCalled()
    }
  )

  it('tells the prompt what had focus when Run was pressed, though the host disables it meanwhile', async () => {
    const run = document.body.appendChild(document.createElement('button'))
    run.focus()
    const { app, ask } = setup({
      lookup: async () => {
        run.disabled = true
        run.blur()
        return signedOut
      }
    })
    await app.queuePrompt?.()
    expect(ask).toHaveBeenCalledWith(['OpenAI DALL·E 3'], expect.any(Function), 'signedOut', run)
    run.remove()
  })

  it('queues at once when "Run anyway" is chosen', async () => {
    const { app, queuePrompt, ask } = setup()
    ask.mockResolvedValueOnce('runAnyway' as never)
    await app.queuePrompt?.()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
  })

  it.for<[string, Parameters<typeof setup>[0]]>([
    ['signed in', { lookup: async () => signedIn }],
    ['no partner nodes', { output: plainGraph }],
    [
      'no partner nodes and no token to be had',
      { lookup: async () => ({ status: 'unavailable', reason: 'network' }), output: plainGraph }
    ]
  ])('does not ask when %s', async ([, options]) => {
    const { app, queuePrompt, ask } = setup(options)
    await app.queuePrompt?.()
    expect(ask).not.toHaveBeenCalled()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
  })

  describe('when the credential never comes', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it.for<[string, Record<string, { class_type: string }>, 'queues' | 'asks']>([
      ['queues a run without partner nodes', plainGraph, 'queues'],
      ['offers the choice for a run with partner nodes', partnerGraph, 'asks']
    ])('%s after 3 s', async ([, output, expected]) => {
      vi.useFakeTimers()
      const lookup = createCredentialLookup({ credential: () => new Promise(() => {}) })
      const { app, queuePrompt, ask } = setup({ lookup, output })
      const click = app.queuePrompt?.()
      await vi.advanceTimersByTimeAsync(2999)
      expect(queuePrompt).not.toHaveBeenCalled()
      expect(ask).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      await click
      expect(queuePrompt).toHaveBeenCalledTimes(expected === 'queues' ? 1 : 0)
      expect(ask).toHaveBeenCalledTimes(expected === 'asks' ? 1 : 0)
    })
  })
})

describe('partner-node guard and credits', () => {
  const credits = (knownToPay: boolean, forRun: 'run' | 'ask') => ({
    knownToPay: vi.fn(async () => knownToPay),
    forRun: vi.fn(async () => forRun)
  })

  it('runs at once, without reading the graph, when a fresh balance shows credits', async () => {
    const paying = credits(true, 'run')
    const { app, api, queuePrompt, ask } = setup({ lookup: async () => signedIn, credits: paying })
    await app.queuePrompt?.()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
    expect(api.fetchApi).not.toHaveBeenCalled()
    expect(paying.forRun).not.toHaveBeenCalled()
    expect(ask).not.toHaveBeenCalled()
  })

  it('asks "no credits" before a partner-node run the balance cannot pay for', async () => {
    const { app, queuePrompt, ask } = setup({ lookup: async () => signedIn, credits: credits(false, 'ask') })
    await expect(app.queuePrompt?.()).resolves.toBe(false)
    expect(ask).toHaveBeenCalledWith(['OpenAI DALL·E 3'], expect.any(Function), 'noCredits', document.body)
    expect(queuePrompt).not.toHaveBeenCalled()
  })

  it.for<[string, Parameters<typeof setup>[0]]>([
    ['the balance, read again, pays', { credits: credits(false, 'run') }],
    ['the graph has no partner node', { credits: credits(false, 'ask'), output: plainGraph }]
  ])('runs without asking when %s', async ([, options]) => {
    const { app, queuePrompt, ask } = setup({ lookup: async () => signedIn, ...options })
    await app.queuePrompt?.()
    expect(ask).not.toHaveBeenCalled()
    expect(queuePrompt).toHaveBeenCalledTimes(1)
  })

  it('never reads the balance for a run without partner nodes', async () => {
    const empty = credits(false, 'ask')
    const { app } = setup({ lookup: async () => signedIn, credits: empty, output: plainGraph })
    await app.queuePrompt?.()
    expect(empty.forRun).not.toHaveBeenCalled()
  })
})
