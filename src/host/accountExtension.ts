/**
 * The extension object ComfyUI registers. Only this folder touches `app` and `api`; the heavy
 * parts (Vue UI, Firebase, axios, vue-i18n) are imported on demand from files ComfyUI does not
 * import at start-up.
 */
import { resolveConfig } from '@/config/target'
import type { AccountCore } from '@/store/startAccount'

import { bootMessage } from './bootMessages'
import { hasBuiltInAccountPage, type HostApp, type HostExtension } from './comfyHost'
import { createHostBridge } from './hostBridge'
import { createFailureReporter } from './reportFailure'
import { createSectionRenderer } from './settingsSection'

export const EXTENSION_NAME = 'ComfyUI-Account'
export const SECTION_SETTING_ID = 'ComfyAccount.Section'

export function createAccountExtension(app: HostApp): HostExtension {
  const host = createHostBridge(app)
  const reportFailure = createFailureReporter(host)

  let core: Promise<AccountCore> | undefined
  const loadCore = (): Promise<AccountCore> =>
    (core ??= import('@/store/startAccount').then(({ startAccount }) => startAccount(resolveConfig())))

  const renderSection = createSectionRenderer({
    locale: host.locale,
    loadingText: () => bootMessage('loading', host.locale()),
    onError: reportFailure,
    async mount(root) {
      const [{ pinia }, { mountAccountSection }] = await Promise.all([
        loadCore(),
        import('@/ui/mountAccountSection')
      ])
      return mountAccountSection(root, { pinia, host })
    }
  })

  // Never two "User" entries: on hosts with their own account page ours is "Comfy Account".
  const navLabel = hasBuiltInAccountPage(app) ? 'Comfy Account' : 'User'

  return {
    name: EXTENSION_NAME,
    settings: [
      {
        id: SECTION_SETTING_ID,
        name: 'Comfy Account',
        category: [navLabel, 'Comfy Account', 'Section'],
        type: renderSection,
        defaultValue: ''
      }
    ]
  }
}
