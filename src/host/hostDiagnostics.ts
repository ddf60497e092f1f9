/**
 * The host's side of the setup check: what the next prompt would carry, how ComfyUI reported the
 * last failed partner-node run, and ComfyUI's versions. Only this folder may touch `api` and
 * `window.fetch`, so these live here and reach the UI through the host bridge. The failure record
 * is the only one kept: fed by the run watcher (partnerNodeRuns.ts) from the start, signed in or
 * not (a failure before anyone checks must count), it loads nothing of ours. The probe itself is
 * loaded on demand (promptProbe.ts), so ComfyUI's start-up does not wait for it.
 */
import type { HostDiagnostics, PartnerNodeFailureRecord } from '@/types/hostBridge'

import type { HostApi } from './hostTypes'
import type { PartnerRunEnd } from './partnerNodeRuns'
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

export interface HostDiagnosticsRecorder extends HostDiagnostics {
  /** Every partner-node run's end (watchPartnerNodeRuns): the failures are kept for the check. */
  noteRunEnd(run: PartnerRunEnd): void
}

/** How ComfyUI reported a failed run, in the setup check's words. */
const failureKinds = {
  unauthorized: 'unauthorized',
  paymentRequired: 'paymentRequired',
  failed: 'other'
} as const

export function createHostDiagnostics({
  api,
  lookup,
  timeoutMs = 5000
}: HostDiagnosticsOptions): HostDiagnosticsRecorder {
  // Failures only: a later success does not make an earlier failure less worth explaining.
  let lastFailure: PartnerNodeFailureRecord | null = null

  return {
    noteRunEnd(run) {
      if (run.outcome !== 'succeeded') lastFailure = { kind: failureKinds[run.outcome], at: Date.now() }
    },
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
