import type { HostBridge } from '@/types/host'

import type { HostApp } from './comfyHost'

export function createHostBridge(app: HostApp): HostBridge {
  return {
    locale: () =>
      app.extensionManager?.setting?.get<string>('Comfy.Locale') ?? globalThis.navigator?.language,
    toast: (toast) => app.extensionManager?.toast?.add(toast)
  }
}
