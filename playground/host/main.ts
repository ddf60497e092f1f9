// Boot sequence of the playground host, in ComfyUI's order:
//   ComfyUI user (multi-user: the user-select page until one is chosen, then `api.user`) ->
//   host Firebase + auth stores (built-in User page only) -> comfyAPI globals -> UI mounted ->
//   settings + i18n loaded -> host settings/commands -> extensions imported -> init -> node defs ->
//   setup -> window.app.
import Aura from '@primeuix/themes/aura'
import { definePreset } from '@primeuix/themes'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import { createApp, ref, watch, type App as VueApp, type Component } from 'vue'

import { ComfyApi } from './api'
import { ComfyApp } from './app'
import { createBuiltinUser, readBuiltinUserFlag } from './builtinUser'
import {
  createComfyUser,
  loadComfyUsers,
  readMultiUserFlag,
  rememberComfyUser,
  type ComfyUser
} from './comfyUser'
import App from './components/App.vue'
import UserSelect from './components/UserSelect.vue'
import { hostKey, type HostContext } from './context'
import { registerCoreCommands, registerCoreSettings } from './core'
import { createDialogService } from './dialogs'
import { createDemoGraph } from './graph'
import { readHostVersion, type HostVersion } from './hostVersion'
import { i18n, mergeCustomNodesI18n, resolveLocale, setLocale, t } from './i18n'
import { createSettingsDialogState } from './settingsDialog'
import { createCommandStore } from './stores/commands'
import { createExtensionStore } from './stores/extensions'
import { createKeybindingStore } from './stores/keybindings'
import { createSettingStore } from './stores/settings'
import { applyPalette, toPaletteId } from './theme'
import { createToastApi } from './toast'
import type { ExtensionManager } from './types'
import './icons'
import './style.css'

/**
 * The globals this host defines. Typed through a local view of `window` rather than
 * `declare global`, so they cannot clash with the extension's own declarations (the repo
 * type-checks both in one program).
 */
interface HostWindow {
  comfyAPI: {
    app: { app: ComfyApp; ComfyApp: typeof ComfyApp }
    api: { api: ComfyApi; ComfyApi: typeof ComfyApi }
  }
  /** Set only after every extension's setup ran, as in ComfyUI. */
  app?: ComfyApp
  /** The frontend's version, a global real hosts set at start-up (the setup check reports it). */
  __COMFYUI_FRONTEND_VERSION__?: string
  __playground: {
    openSettings(categoryLabel?: string): void
    closeSettings(): void
    ready: Promise<void>
    hostVersion: HostVersion
    /** The ComfyUI user id (`api.user`); '' in single-user mode or before one is chosen. */
    comfyUser: string
    /** Remembers that ComfyUI user (as the user-select page does) and reloads. */
    switchUser(userId: string): Promise<void>
    /** The host's own Firebase sign-in; absent without the built-in User page. */
    hostAuth?: {
      email(): string | null
      signIn(email: string, password: string): Promise<void>
      signOut(): Promise<void>
    }
  }
}
const hostWindow = window as unknown as HostWindow

// ComfyUI 1.2x's preset: Aura with a blue primary.
const ComfyPreset = definePreset(Aura, { semantic: { primary: Aura.primitive?.blue } })

function createHostVueApp(root: Component, props?: Record<string, unknown>): VueApp {
  const vueApp = createApp(root, props)
  vueApp.use(PrimeVue, {
    theme: { preset: ComfyPreset, options: { prefix: 'p', darkModeSelector: '.dark-theme' } }
  })
  vueApp.use(ToastService)
  vueApp.use(i18n)
  return vueApp
}

/**
 * The user store's start-up and the router's guard: on a multi-user server the app only boots
 * as a known user, so the page waits on the user-select page until one is chosen or created.
 */
async function resolveComfyUser(api: ComfyApi): Promise<ComfyUser | null> {
  const { multiUser, users, current } = await loadComfyUsers(api)
  if (!multiUser || current) return current
  const chosen = await new Promise<ComfyUser>((resolve) => {
    const page = createHostVueApp(UserSelect, {
      users,
      createUser: (username: string) => createComfyUser(api, username),
      onChosen: (user: ComfyUser) => {
        page.unmount()
        resolve(user)
      }
    })
    page.mount('#vue-app')
  })
  rememberComfyUser(chosen)
  return chosen
}

async function boot(): Promise<void> {
  const api = new ComfyApi()
  api.playgroundMultiUser = readMultiUserFlag()
  hostWindow.__playground.switchUser = async (userId) => {
    // Asked afresh: the user may have been created after this page loaded.
    const name = (await loadComfyUsers(api)).users[userId]
    if (name === undefined) throw new Error(`Unknown ComfyUI user '${userId}'`)
    rememberComfyUser({ id: userId, name })
    location.reload()
  }
  // Before anything else talks to the server: settings are per user (`Comfy-User`).
  const comfyUser = await resolveComfyUser(api)
  api.user = comfyUser?.id ?? ''
  hostWindow.__playground.comfyUser = api.user

  const vueApp = createHostVueApp(App)
  const toast = createToastApi(vueApp.config.globalProperties.$toast)

  const settings = createSettingStore(api)
  const commands = createCommandStore((error) =>
    toast.add({
      severity: 'error',
      summary: t('g.error'),
      detail: error instanceof Error ? error.message : String(error),
      life: 5000
    })
  )
  const extensions = createExtensionStore()
  const keybindings = createKeybindingStore()
  const dialogs = createDialogService()
  const settingsDialog = createSettingsDialogState()
  const builtinUser = readBuiltinUserFlag() ? createBuiltinUser({ version: hostVersion, toast }) : undefined
  // 1.45 creates its API-key store at start-up, before any extension loads, so a stored key is
  // checked (and dropped if the check fails) right away; 1.24 waits for its User page (docs/host-contract.md, "The Comfy API").
  if (builtinUser && hostVersion === '1.45') builtinUser.useKeyStore()
  // 1.45 cancels every `vite:preloadError` and logs it as its own (docs/host-contract.md, "Loading").
  if (hostVersion === '1.45') {
    window.addEventListener('vite:preloadError', (event) => {
      event.preventDefault()
      console.error('[vite:preloadError]', (event as Event & { payload?: unknown }).payload)
    })
  }
  const batchCount = ref(1)

  const extensionManager: ExtensionManager = {
    toast,
    dialog: { confirm: dialogs.confirm, prompt: dialogs.prompt },
    command: {
      get commands() {
        return [...commands.commands]
      },
      execute: (id, options) => commands.execute(id, options)
    },
    setting: {
      get settings() {
        return settings.settingsById
      },
      get: (id) => settings.get(id),
      set: (id, value) => settings.set(id, value)
    }
  }

  // The canvas needs node titles and the api_node flag up front; extensions get the same
  // definitions later through addCustomNodeDefs / beforeRegisterNodeDef.
  const graph = createDemoGraph(await api.getNodeDefs())
  const app = new ComfyApp({
    api,
    settings,
    commands,
    extensions,
    keybindings,
    extensionManager,
    toast,
    graph,
    builtinUser
  })
  hostWindow.comfyAPI = { app: { app, ComfyApp }, api: { api, ComfyApi } }
  hostWindow.__COMFYUI_FRONTEND_VERSION__ = `${hostVersion}.0-playground`

  const ready = ref(false)
  const host: HostContext = {
    api,
    app,
    settings,
    commands,
    extensions,
    aboutPageBadges: app.aboutPageBadges,
    dialogs,
    settingsDialog,
    graph,
    version: hostVersion,
    builtinUser,
    comfyUser,
    batchCount,
    ready
  }
  hostWindow.__playground.openSettings = (category) => settingsDialog.open(category)
  hostWindow.__playground.closeSettings = () => settingsDialog.close()
  if (builtinUser) {
    const { auth } = builtinUser
    hostWindow.__playground.hostAuth = {
      email: () => auth.currentUser.value?.email ?? null,
      signIn: (email, password) => auth.signInWithEmail(email, password),
      signOut: () => auth.signOut()
    }
  }
  vueApp.provide(hostKey, host)
  vueApp.mount('#vue-app')

  // Settings values and custom-node messages first, as ComfyUI's GraphCanvas does.
  const [, messages] = await Promise.all([settings.load(), api.getCustomNodesI18n()])
  mergeCustomNodesI18n(messages)
  registerCoreSettings(settings)
  extensions.setDisabledNames((settings.get('Comfy.Extension.Disabled') as string[] | undefined) ?? [])
  watch(
    () => settings.get('Comfy.Locale'),
    (locale) => setLocale(resolveLocale(String(locale))),
    { immediate: true }
  )
  watch(
    () => settings.get('Comfy.ColorPalette'),
    (palette) => applyPalette(toPaletteId(palette)),
    { immediate: true }
  )
  registerCoreCommands({
    commands,
    app,
    settingsDialog,
    builtinUser,
    toast,
    batchCount: () => batchCount.value
  })
  keybindings.listen((id) => commands.execute(id))

  if (builtinUser) {
    // As ComfyUI's own handler for partner nodes out of credits (src/scripts/app.ts,
    // addApiUpdateHandlers): its top-up dialog instead of the execution error dialog. Its 401
    // case (the API-nodes sign-in dialog) and the error dialog for other failures are left out:
    // nothing of ours depends on them, and a modal after every failed run would stop other tests.
    api.addEventListener('execution_error', (event) => {
      const message = (event as CustomEvent<{ exception_message?: unknown }>).detail?.exception_message
      if (typeof message === 'string' && message.includes(PAYMENT_REQUIRED_MESSAGE)) {
        void dialogs.confirm({ title: 'Insufficient credits', message: 'Add credits to run partner nodes.' })
      }
    })
  }
  api.init()
  await app.setup()
  hostWindow.app = app
  ready.value = true
  document.documentElement.dataset.playgroundReady = 'true'
}

/** The message partner nodes fail with on a 402, which ComfyUI's own handler matches. */
const PAYMENT_REQUIRED_MESSAGE = 'Payment Required: Please add credits to your account to use this node.'

const hostVersion = readHostVersion()
let resolveReady!: () => void
hostWindow.__playground = {
  openSettings: () => undefined,
  closeSettings: () => undefined,
  ready: new Promise<void>((resolve) => (resolveReady = resolve)),
  hostVersion,
  comfyUser: '',
  switchUser: () => Promise.reject(new Error('The playground has not started yet.'))
}

boot().then(resolveReady, (error: unknown) => {
  console.error('Playground failed to boot', error)
  document.documentElement.dataset.playgroundReady = 'error'
})
