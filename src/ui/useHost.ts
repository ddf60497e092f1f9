import { inject, type InjectionKey } from 'vue'

import type { HostBridge } from '@/types/hostBridge'

export const hostKey: InjectionKey<HostBridge> = Symbol('comfyAccountHost')

/** ComfyUI's services (toasts, locale), as handed to mountAccountSection. */
export function useHost(): HostBridge {
  const host = inject(hostKey)
  if (!host) throw new Error('ComfyUI-Account: no host bridge. Did you mount with mountAccountSection()?')
  return host
}
