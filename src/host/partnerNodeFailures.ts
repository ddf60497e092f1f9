import type { HostApi } from './hostTypes'

export type PartnerNodeFailure = 'unauthorized' | 'paymentRequired'

/** The exact messages partner nodes fail with on 401 and 402 (docs/host-contract.md, "Partner-node credentials"). */
export function classifyExecutionError(message: unknown): PartnerNodeFailure | undefined {
  if (typeof message !== 'string') return undefined
  if (message.includes('Unauthorized: Please login first to use this node.')) return 'unauthorized'
  if (message.includes('Payment Required:')) return 'paymentRequired'
  return undefined
}

export function watchPartnerNodeFailures(api: HostApi, onFailure: (kind: PartnerNodeFailure) => void): void {
  api.addEventListener('execution_error', (event) => {
    const detail = (event as CustomEvent<{ exception_message?: unknown }>).detail
    const kind = classifyExecutionError(detail?.exception_message)
    if (kind) onFailure(kind)
  })
}
