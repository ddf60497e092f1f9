import type { HostBridge } from '@/types/hostBridge'

import { bootMessage } from './bootMessages'

/**
 * Logs every failure of ours and tells the user once (a toast per failure would bury ComfyUI),
 * leaving ComfyUI running. The console line is for whoever files the bug; it never contains
 * credentials, only our own error.
 */
export function createFailureReporter(host: HostBridge): (error: unknown) => void {
  let toasted = false
  return (error) => {
    console.error('[ComfyUI-Account] failed; ComfyUI keeps working.', error)
    if (toasted) return
    toasted = true
    host.toast({
      severity: 'error',
      summary: bootMessage('loadFailedSummary', host.locale()),
      detail: bootMessage('loadFailedDetail', host.locale())
    })
  }
}
