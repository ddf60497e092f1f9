/**
 * The host's side of the setup check: what the next prompt would carry, how ComfyUI reported the
 * last failed partner-node run, and ComfyUI's versions. Only this folder may touch `api` and
 * `window.fetch`, so these live here and reach the UI through the host bridge. The failure record
 * starts with the extension (a failure before anyone checks must count); the probe itself is
 * loaded on demand (promptProbe.ts), so ComfyUI's start-up does not wait for it.
 */
import type { HostDiagnostics, PartnerNodeFailureRecord } from '@/types/hostBridge'

import type { HostApi } from './hostTypes'
import { classifyExecutionError } from './partnerNodeFailures'
import type { CredentialLookup } from './promptCredentials'

export interface HostDiagnosticsOptions {
  api: HostApi
  /** The bounded lookup every prompt makes. */
  lookup: () => Promise<CredentialLookup>
  /**
   * How long the probe may take to reach the network.
   * @default 5000
   */
  timeoutMs?: number
}

interface ExecutionError {
  exception_message?: unknown
  node_type?: unknown
}

export function createHostDiagnostics({
  api,
  lookup,
  timeoutMs = 5000
}: HostDiagnosticsOptions): HostDiagnostics {
  let lastFailure: PartnerNodeFailureRecord | null = null
  let recordedOrder = 0
  let partnerNodeTypes: Promise<Set<string>> | undefined
  const isPartnerNode = async (type: unknown): Promise<boolean> => {
    if (typeof type !== 'string') return false
    partnerNodeTypes ??= api
      .fetchApi('/object_info')
      .then((r) => r.json() as Promise<Record<string, { api_node?: boolean }>>)
      .then((defs) => new Set(Object.keys(defs).filter((name) => defs[name]?.api_node)))
      .catch(() => {
        partnerNodeTypes = undefined
        return new Set<string>()
      })
    return (await partnerNodeTypes).has(type)
  }

  // How ComfyUI reported it (docs/host-contract.md, "Partner-node credentials"): 401 and 402
  // by their messages, anything else only when the failed node is a partner node. In the order
  // ComfyUI reported them: a lookup that answers late never overwrites a later failure.
  let reported = 0
  api.addEventListener('execution_error', (event) => {
    const detail = (event as CustomEvent<ExecutionError | undefined>).detail
    const record = { at: Date.now(), order: ++reported }
    const kind = classifyExecutionError(detail?.exception_message)
    if (kind) {
      lastFailure = { kind, at: record.at }
      recordedOrder = record.order
      return
    }
    isPartnerNode(detail?.node_type).then(
      (partner) => {
        if (!partner || record.order < recordedOrder) return
        lastFailure = { kind: 'other', at: record.at }
        recordedOrder = record.order
      },
      () => undefined
    )
  })

  return {
    async probePrompt() {
      // Loaded only when someone checks: the start-up file keeps just the failure record.
      const { probePrompt } = await import('./promptProbe')
      const [carried, found] = await Promise.all([probePrompt(api, timeoutMs), lookup()])
      return { carried, lookup: found.status }
    },
    lastPartnerNodeFailure: () => lastFailure,
    async versions() {
      const { hostVersions } = await import('./promptProbe')
      return hostVersions(api)
    }
  }
}
