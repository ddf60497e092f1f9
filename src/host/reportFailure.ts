import type { HostBridge } from '@/types/host'

import { bootMessage } from './bootMessages'

/**
 * Tells the user once that our part failed, and leaves ComfyUI running. The console line is for
 * whoever files the bug; it never contains credentials, only our own error.
 */
export function createFailureReporter(host: HostBridge): (error: unknown) => void {
  let reported = false
  return (error) => {
    if (reported) return
    reported = true
    console.error('[ComfyUI-Account] failed to load; ComfyUI keeps working.', error)
    host.toast({
      severity: 'error',
      summary: bootMessage('loadFailedSummary', host.locale()),
      detail: bootMessage('loadFailedDetail', host.locale())
    })
  }
}
