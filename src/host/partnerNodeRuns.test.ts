import { describe, expect, it, vi } from 'vitest'

import type { HostApi } from './hostTypes'
import { createPartnerNodeCatalog } from './partnerNodeCatalog'
import { runOutcomeOf, watchPartnerNodeRuns } from './partnerNodeRuns'

const defs = {
  LoadImage: { display_name: 'Load Image' },
  OpenAIDalle3: { api_node: true, display_name: 'OpenAI DALL·E 3' }
}
const partnerPrompt = JSON.stringify({ prompt: { 1: { class_type: 'OpenAIDalle3' } } })
const plainPrompt = JSON.stringify({ prompt: { 1: { class_type: 'LoadImage' } } })
const answer = (promptId: string) =>
  new Response(JSON.stringify({ prompt_id: promptId, number: 1, node_errors: {} }))

function setup() {
  const target = new EventTarget()
  const api: HostApi = {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    fetchApi: vi.fn(async () => new Response(JSON.stringify(defs)))
  }
  const onEnd = vi.fn()
  const runs = watchPartnerNodeRuns({ api, catalog: createPartnerNodeCatalog(api), onEnd, onError: vi.fn() })
  const emit = (type: string, detail: unknown) => target.dispatchEvent(new CustomEvent(type, { detail }))
  return { runs, onEnd, emit }
}

describe('partner-node runs', () => {
  it('reports the end of a queued partner-node run once', async () => {
    const { runs, onEnd, emit } = setup()
    runs.noteQueued(partnerPrompt, answer('p1'))
    emit('execution_success', { prompt_id: 'p1', timestamp: 1 })
    emit('execution_success', { prompt_id: 'p1', timestamp: 2 })
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalled())
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(onEnd).toHaveBeenCalledWith({
      promptId: 'p1',
      outcome: 'succeeded',
      status: null,
      carriedCredential: false
    })
  })

  it('names the partner node that failed, and why, and whether the prompt carried a credential', async () => {
    const { runs, onEnd, emit } = setup()
    const withToken = JSON.stringify({
      ...JSON.parse(partnerPrompt),
      extra_data: { auth_token_comfy_org: 't' }
    })
    runs.noteQueued(withToken, answer('p2'))
    emit('execution_error', {
      prompt_id: 'p2',
      node_id: '1',
      node_type: 'OpenAIDalle3',
      exception_message: 'Payment Required: Please add credits to your account to use this node.',
      exception_type: 'Exception'
    })
    await vi.waitFor(() =>
      expect(onEnd).toHaveBeenCalledWith({
        promptId: 'p2',
        outcome: 'paymentRequired',
        status: 402,
        carriedCredential: true,
        failedNode: 'OpenAI DALL·E 3'
      })
    )
  })

  it('reads the prompt id from a copy, so the host can still read the answer itself', async () => {
    const { runs, onEnd, emit } = setup()
    const response = answer('p6')
    runs.noteQueued(partnerPrompt, response)
    expect(await response.json()).toMatchObject({ prompt_id: 'p6' })
    emit('execution_success', { prompt_id: 'p6' })
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledTimes(1))
  })

  it('leaves runs without partner nodes alone', async () => {
    const { runs, onEnd, emit } = setup()
    runs.noteQueued(plainPrompt, answer('p3'))
    emit('execution_success', { prompt_id: 'p3' })
    emit('execution_error', { prompt_id: 'p4', node_type: 'LoadImage', exception_message: 'no such file' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(onEnd).not.toHaveBeenCalled()
  })

  it('forgets an interrupted run', async () => {
    const { runs, onEnd, emit } = setup()
    runs.noteQueued(partnerPrompt, answer('p5'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    emit('execution_interrupted', { prompt_id: 'p5', node_id: '1', node_type: 'OpenAIDalle3' })
    emit('execution_success', { prompt_id: 'p5' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(onEnd).not.toHaveBeenCalled()
  })
})

describe('runOutcomeOf', () => {
  it.for([
    ['execution_success', undefined, { outcome: 'succeeded', status: null }],
    [
      'execution_error',
      'Payment Required: Please add credits to your account to use this node.',
      { outcome: 'paymentRequired', status: 402 }
    ],
    [
      'execution_error',
      'Unauthorized: Please login first to use this node.\n',
      { outcome: 'unauthorized', status: 401 }
    ],
    ['execution_error', 'CUDA out of memory', { outcome: 'failed', status: null }],
    ['execution_error', undefined, { outcome: 'failed', status: null }],
    ['execution_error', 42, { outcome: 'failed', status: null }]
  ] as const)('%s %o', ([event, message, expected]) => {
    expect(runOutcomeOf(event, message)).toEqual(expected)
  })
})
