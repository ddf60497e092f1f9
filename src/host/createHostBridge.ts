import { idleMinutesFrom } from '@/auth/startup/idleChoices'
import type { HostBridge } from '@/types/hostBridge'

import type { HostApp } from './hostTypes'

export const IDLE_SETTING_ID = 'ComfyAccount.IdleSignOutMinutes'

export function createHostBridge(app: HostApp): HostBridge {
  const setting = () => app.extensionManager?.setting
  return {
    locale: () => setting()?.get<string>('Comfy.Locale') ?? globalThis.navigator?.language,
    toast: (toast) => app.extensionManager?.toast?.add(toast),
    idleSignOut: {
      minutes: () => idleMinutesFrom(setting()?.get<unknown>(IDLE_SETTING_ID)),
      // ComfyUI applies the value (calling our setting's onChange) before it stores it.
      async choose(minutes) {
        const settings = setting()
        if (!settings) throw new Error('ComfyUI has no settings to store the choice in')
        await settings.set(IDLE_SETTING_ID, minutes)
      }
    }
  }
}
