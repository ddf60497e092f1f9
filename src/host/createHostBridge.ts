import type { HostBridge } from '@/types/hostBridge'

import type { HostApp } from './hostTypes'

export function createHostBridge(app: HostApp): HostBridge {
  return {
    locale: () =>
      app.extensionManager?.setting?.get<string>('Comfy.Locale') ?? globalThis.navigator?.language,
    toast: (toast) => app.extensionManager?.toast?.add(toast)
  }
}
