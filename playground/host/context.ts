// Everything the host's components need, handed down with provide/inject.
import { inject, type InjectionKey, type Ref } from 'vue'

import type { ComfyApi } from './api'
import type { ComfyApp } from './app'
import type { BuiltinUser } from './builtinUser'
import type { ComfyUser } from './comfyUser'
import type { DialogService } from './dialogs'
import type { DemoGraph } from './graph'
import type { HostVersion } from './hostVersion'
import type { SettingsDialogState } from './settingsDialog'
import type { CommandStore } from './stores/commands'
import type { ExtensionStore } from './stores/extensions'
import type { SettingStore } from './stores/settings'
import type { AboutPageBadge } from './types'

export interface HostContext {
  api: ComfyApi
  app: ComfyApp
  settings: SettingStore
  commands: CommandStore
  extensions: ExtensionStore
  aboutPageBadges: readonly AboutPageBadge[]
  dialogs: DialogService
  settingsDialog: SettingsDialogState
  graph: DemoGraph
  /** Which real frontend the host imitates where they differ. */
  version: HostVersion
  /** Present when the built-in User page is on. */
  builtinUser: BuiltinUser | undefined
  /** The ComfyUI user this page runs as (`--multi-user`); null in single-user mode. */
  comfyUser: ComfyUser | null
  /** The top bar's batch count, also used by the `Comfy.QueuePrompt` command. */
  batchCount: Ref<number>
  /** True once every extension's setup ran (when `window.app` is set). */
  ready: Ref<boolean>
}

export const hostKey: InjectionKey<HostContext> = Symbol('playground-host')

export function useHost(): HostContext {
  const host = inject(hostKey)
  if (!host)
    throw new Error('useHost() called outside the playground app: did you forget app.provide(hostKey, ...)?')
  return host
}
