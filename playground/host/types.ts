// The slice of ComfyUI's extension API the playground implements. Shapes follow
// @comfyorg/comfyui-frontend-types (ComfyExtension, SettingParams, ComfyCommand, Keybinding).

export type SettingValue = unknown

/** ComfyUI's function-type setting: the only way to put custom UI in the settings dialog. */
export type SettingRenderFunction = (
  name: string,
  setter: (value: SettingValue) => void,
  value: SettingValue,
  attrs?: Record<string, unknown>
) => HTMLElement

export type SettingType =
  'boolean' | 'number' | 'slider' | 'combo' | 'text' | 'hidden' | SettingRenderFunction

export type SettingOption = string | { text: string; value: string | number }

export interface SettingParams {
  id: string
  name: string
  type: SettingType
  defaultValue?: SettingValue | (() => SettingValue)
  /** Path in the settings dialog: [nav entry, group, ...]; defaults to `id.split('.')`. */
  category?: string[]
  tooltip?: string
  options?: SettingOption[] | ((value: SettingValue) => SettingOption[])
  attrs?: Record<string, unknown>
  onChange?: (newValue: SettingValue, oldValue?: SettingValue) => void
  experimental?: boolean
  deprecated?: boolean
  sortOrder?: number
}

export interface ComfyCommand {
  id: string
  function: () => void | Promise<void>
  label?: string | (() => string)
  icon?: string | (() => string)
  tooltip?: string | (() => string)
  menubarLabel?: string | (() => string)
  versionAdded?: string
  /** Who registered it: an extension name, or 'playground' for the host's own. */
  source?: string
}

export interface KeyCombo {
  key: string
  ctrl?: boolean
  alt?: boolean
  shift?: boolean
  meta?: boolean
}

export interface Keybinding {
  combo: KeyCombo
  commandId: string
  targetElementId?: string
}

export interface AboutPageBadge {
  label: string
  url: string
  icon?: string
}

export interface ComfyExtension {
  name: string
  settings?: SettingParams[]
  commands?: ComfyCommand[]
  keybindings?: Keybinding[]
  aboutPageBadges?: AboutPageBadge[]
  init?: (app: unknown) => void | Promise<void>
  addCustomNodeDefs?: (defs: Record<string, NodeDef>, app: unknown) => void | Promise<void>
  beforeRegisterNodeDef?: (nodeType: unknown, nodeDef: NodeDef, app: unknown) => void | Promise<void>
  setup?: (app: unknown) => void | Promise<void>
  [hook: string]: unknown
}

/** A node definition from `GET /api/object_info` (only the fields the host reads). */
export interface NodeDef {
  name: string
  display_name: string
  category: string
  description?: string
  output_node?: boolean
  api_node?: boolean
  input: {
    required?: Record<string, unknown>
    optional?: Record<string, unknown>
    hidden?: Record<string, string>
  }
  output?: string[]
}

export type ToastSeverity = 'success' | 'info' | 'warn' | 'error' | 'secondary' | 'contrast'

export interface ToastMessage {
  severity?: ToastSeverity
  summary?: string
  detail?: unknown
  life?: number
  closable?: boolean
  group?: string
}

export type ConfirmationType = 'default' | 'overwrite' | 'delete' | 'dirtyClose' | 'reinstall'

export interface ExtensionManager {
  toast: {
    add(message: ToastMessage): void
    remove(message: ToastMessage): void
    removeAll(): void
  }
  dialog: {
    confirm(options: {
      title: string
      message: string
      type?: ConfirmationType
      itemList?: string[]
      hint?: string
    }): Promise<boolean | null>
    prompt(options: {
      title: string
      message: string
      defaultValue?: string
      placeholder?: string
    }): Promise<string | null>
  }
  command: {
    readonly commands: ComfyCommand[]
    execute(commandId: string, options?: { errorHandler?: (error: unknown) => void }): Promise<void>
  }
  setting: {
    readonly settings: Record<string, SettingParams>
    get(id: string): SettingValue
    set(id: string, value: SettingValue): Promise<void>
  }
}
