/**
 * The slice of ComfyUI's `app` and `api` that ComfyUI-Account uses, typed narrowly so the same
 * code runs on every host version we support. hostTypes.check.ts proves the real
 * `@comfyorg/comfyui-frontend-types` still fit these shapes.
 */
export type SettingRenderer = (
  name: string,
  setter: (value: unknown) => void,
  value: unknown,
  attrs?: Record<string, unknown>
) => HTMLElement

export interface HostSetting {
  id: string
  name: string
  category?: string[]
  type: SettingRenderer | 'boolean' | 'combo' | 'hidden' | 'text' | 'number'
  defaultValue: unknown
  tooltip?: string
  /** 1.4x hosts order a group's rows by it, higher first (1.24 ignores it). */
  sortOrder?: number
  options?: Array<string | { text: string; value: string | number }>
  onChange?: (newValue: unknown, oldValue?: unknown) => void
}

export interface HostCommand {
  id: string
  label: string | (() => string)
  icon?: string
  function: () => void | Promise<void>
}

export interface HostKeybinding {
  combo: { key: string; ctrl?: boolean; alt?: boolean; shift?: boolean }
  commandId: string
}

export interface HostAboutBadge {
  label: string
  url: string
  icon: string
}

export interface HostExtension {
  name: string
  settings?: HostSetting[]
  commands?: HostCommand[]
  keybindings?: HostKeybinding[]
  aboutPageBadges?: HostAboutBadge[]
  setup?: (app: HostApp) => void | Promise<void>
}

export interface HostExtensionManager {
  toast?: {
    add(toast: {
      severity: 'success' | 'info' | 'warn' | 'error'
      summary?: string
      detail?: string
      life?: number
    }): void
  }
  command?: {
    commands?: ReadonlyArray<{ id: string }>
    execute?(id: string): unknown
  }
  setting?: {
    get<T = unknown>(id: string): T | undefined
    set<T = unknown>(id: string, value: T): unknown
  }
}

export interface HostApp {
  registerExtension(extension: HostExtension): void
  extensionManager?: HostExtensionManager
  queuePrompt?: (...args: never[]) => Promise<unknown>
  graphToPrompt?: () => Promise<{ output: unknown }>
}

export interface HostApi extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  fetchApi(route: string, options?: RequestInit): Promise<Response>
  /** Builds ComfyUI's queue body (credential fields included) and posts it with `fetchApi`. */
  queuePrompt?(number: number, prompt: { output: unknown; workflow: unknown }): Promise<unknown>
  authToken?: string
  apiKey?: string
  /** The ComfyUI user on a `--multi-user` server (sent as `Comfy-User`); empty otherwise. */
  user?: string
}

/** Hosts from ~1.16 ship their own account page and register this command (docs/host-contract.md, "Settings dialog"). */
export const BUILT_IN_SIGN_IN_COMMAND = 'Comfy.User.OpenSignInDialog'

export function hasBuiltInAccountPage(app: HostApp): boolean {
  const commands = app.extensionManager?.command?.commands
  return Array.isArray(commands) && commands.some((command) => command.id === BUILT_IN_SIGN_IN_COMMAND)
}
