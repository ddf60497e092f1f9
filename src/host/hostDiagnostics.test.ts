import { describe, expect, it } from 'vitest'

import { createHostDiagnostics } from './hostDiagnostics'
import type { HostApi } from './hostTypes'
import { runOutcomeOf, type PartnerRunEnd } from './partnerNodeRuns'

const api = { addEventListener: () => undefined, removeEventListener: () => undefined } as unknown as HostApi
const lookup = async () => ({ status: 'signedOut' }) as const

/** A partner-node run's end as the run watcher reports it, from ComfyUI's event. */
function ended(event: 'execution_success' | 'execution_error', message?: string): PartnerRunEnd {
  return { promptId: 'p1', ...runOutcomeOf(event, message), carriedCredential: false }
}

describe('the last failed partner-node run', () => {
  it('is none until a partner-node run fails', () => {
    const diagnostics = createHostDiagnostics({ api, lookup })
    expect(diagnostics.lastPartnerNodeFailure()).toBeNull()
    diagnostics.noteRunEnd(ended('execution_success'))
    expect(diagnostics.lastPartnerNodeFailure()).toBeNull()
  })

  it.for([
    ['Unauthorized: Please login first to use this node.', 'unauthorized'],
    ['Payment Required: Please add credits to your account to use this node.', 'paymentRequired'],
    ['Invalid image size', 'other']
  ] as const)('%s → %s, as ComfyUI reported it', ([message, kind]) => {
    const diagnostics = createHostDiagnostics({ api, lookup })
    diagnostics.noteRunEnd(ended('execution_error', message))
    expect(diagnostics.lastPartnerNodeFailure()).toMatchObject({ kind })
  })

  it('keeps a failure after a later run succeeds: it is still what went wrong last', () => {
    const diagnostics = createHostDiagnostics({ api, lookup })
    diagnostics.noteRunEnd(ended('execution_error', 'Payment Required: no credits'))
    diagnostics.noteRunEnd(ended('execution_success'))
    expect(diagnostics.lastPartnerNodeFailure()).toMatchObject({ kind: 'paymentRequired' })
  })
})
