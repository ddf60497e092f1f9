// The host's own settings and commands, registered before any extension loads (as ComfyUI's
// CORE_SETTINGS and useCoreCommands are).
import type { ComfyApp } from './app'
import type { BuiltinUser } from './builtinUser'
import { LOCALES, resolveLocale, t } from './i18n'
import type { SettingsDialogState } from './settingsDialog'
import type { CommandStore } from './stores/commands'
import type { SettingStore } from './stores/settings'
import type { ToastApi } from './toast'

export function registerCoreSettings(settings: SettingStore): void {
  settings.addSetting({
    id: 'Comfy.Locale',
    name: 'Language',
    type: 'combo',
    category: ['Comfy', 'Locale'],
    options: LOCALES.map(({ value, text }) => ({ value, text })),
    defaultValue: () => resolveLocale(navigator.language)
  })
  settings.addSetting({
    id: 'Comfy.ColorPalette',
    name: 'Color palette',
    type: 'combo',
    category: ['Comfy', 'ColorPalette'],
    options: ['dark', 'light'],
    defaultValue: 'dark'
  })
  settings.addSetting({
    id: 'Comfy.Extension.Disabled',
    name: 'Disabled extension names',
    type: 'hidden',
    defaultValue: []
  })
}

export function registerCoreCommands(deps: {
  commands: CommandStore
  app: ComfyApp
  settingsDialog: SettingsDialogState
  builtinUser: BuiltinUser | undefined
  toast: ToastApi
  batchCount: () => number
}): void {
  const { commands, app, settingsDialog, builtinUser, toast, batchCount } = deps
  const register = (id: string, label: string, fn: () => void | Promise<void>): void =>
    commands.registerCommand({ id, label, function: fn, source: 'playground' })

  register('Comfy.ShowSettingsDialog', 'Show Settings Dialog', () => settingsDialog.open())
  register('Comfy.QueuePrompt', 'Queue Prompt', async () => void (await app.queuePrompt(0, batchCount())))
  register(
    'Comfy.QueuePromptFront',
    'Queue Prompt (Front)',
    async () => void (await app.queuePrompt(-1, batchCount()))
  )
  if (builtinUser) {
    register('Comfy.User.OpenSignInDialog', 'Open Sign In Dialog', () => builtinUser.openSignInDialog())
    // Firebase only, as in the real host: an API-key login is ended by the User page itself.
    register('Comfy.User.SignOut', 'Sign Out', async () => {
      await builtinUser.auth.signOut()
      toast.add({ severity: 'info', summary: t('auth.loggedOut'), life: 3000 })
    })
  }
}
