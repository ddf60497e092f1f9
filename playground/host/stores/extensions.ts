// Registered extensions. Names must be unique (ComfyUI throws); names listed in the setting
// `Comfy.Extension.Disabled` are recorded but get no settings, commands or hooks.
import { markRaw, shallowReactive } from 'vue'

import type { ComfyExtension } from '../types'

export interface ExtensionStore {
  readonly extensions: readonly ComfyExtension[]
  readonly enabledExtensions: readonly ComfyExtension[]
  setDisabledNames(names: readonly string[]): void
  isEnabled(name: string): boolean
  register(extension: ComfyExtension): void
}

export function createExtensionStore(): ExtensionStore {
  const byName = shallowReactive(new Map<string, ComfyExtension>())
  let disabled = new Set<string>()
  const isEnabled = (name: string): boolean => !disabled.has(name)
  return {
    get extensions() {
      return [...byName.values()]
    },
    get enabledExtensions() {
      return [...byName.values()].filter((ext) => isEnabled(ext.name))
    },
    setDisabledNames(names) {
      disabled = new Set(names)
    },
    isEnabled,
    register(extension) {
      if (!extension.name) throw new Error("Extensions must have a 'name' property.")
      if (byName.has(extension.name))
        throw new Error(`Extension named '${extension.name}' already registered.`)
      if (!isEnabled(extension.name)) console.log(`Extension ${extension.name} is disabled.`)
      byName.set(extension.name, markRaw(extension))
    }
  }
}
