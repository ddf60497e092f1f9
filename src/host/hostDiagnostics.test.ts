import { describe, expect, it, vi } from 'vitest'

import { createHostDiagnostics } from './hostDiagnostics'
import type { HostApi } from './hostTypes'

/** ComfyUI's api as an event target, with one partner node in its node definitions. */
function hostApi() {
  const events = new EventTarget()
  const api: HostApi = {
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    fetchApi: vi.fn(
      async () =>
        new Response(JSON.stringify({ OpenAIDalle3: { api_node: true }, KSampler: { api_node: false } }))
    )
  }
  const fail = (detail: Record<string, unknown>) =>
    events.dispatchEvent(new CustomEvent('execution_error', { detail }))
  return { api, fail }
}

const lookup = async () => ({ status: 'signedOut' }) as const

describe('the last failed partner-node run', () => {
  it('is none until ComfyUI reports one', () => {
    expect(createHostDiagnostics({ api: hostApi().api, lookup }).lastPartnerNodeFailure()).toBeNull()
  })

  it.for([
    ['Unauthorized: Please login first to use this node.', 'unauthorized'],
    ['Payment Required: Please add credits to your account to use this node.', 'paymentRequired']
  ] as const)('%s → %s, as ComfyUI reported it', ([message, kind]) => {
    const { api, fail } = hostApi()
    const diagnostics = createHostDiagnostics({ api, lookup })
    fail({ node_type: 'OpenAIDalle3', exception_message: message })
    expect(diagnostics.lastPartnerNodeFailure()).toMatchObject({ kind })
  })

  it('counts another failure only for a partner node', async () => {
    const { api, fail } = hostApi()
    const diagnostics = createHostDiagnostics({ api, lookup })
    fail({ node_type: 'KSampler', exception_message: 'CUDA out of memory' })
    await vi.waitFor(() => expect(api.fetchApi).toHaveBeenCalledWith('/object_info'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(diagnostics.lastPartnerNodeFailure()).toBeNull()

    fail({ node_type: 'OpenAIDalle3', exception_message: 'Invalid image size' })
    await vi.waitFor(() => expect(diagnostics.lastPartnerNodeFailure()).toMatchObject({ kind: 'other' }))
    expect(api.fetchApi).toHaveBeenCalledTimes(1)
  })

  it('keeps a later 401 over an earlier failure still being looked up', async () => {
    const { api, fail } = hostApi()
    const diagnostics = createHostDiagnostics({ api, lookup })
    fail({ node_type: 'OpenAIDalle3', exception_message: 'Invalid image size' })
    fail({
      node_type: 'OpenAIDalle3',
      exception_message: 'Unauthorized: Please login first to use this node.'
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(diagnostics.lastPartnerNodeFailure()).toMatchObject({ kind: 'unauthorized' })
  })
})
