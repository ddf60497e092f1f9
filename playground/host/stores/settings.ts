// The host's setting store: values loaded from `GET /api/settings`, definitions registered by the
// host and by extensions. Same rules as ComfyUI's settingStore (src/stores/settingStore.ts):
// unique ids, `get` falls back to the default, `set` calls `onChange` then persists.
import { markRaw, shallowReactive } from 'vue'

import type { ComfyApi } from '../api'
import type { SettingParams, SettingValue } from '../types'

export interface SettingStore {
  readonly settingsById: Readonly<Record<string, SettingParams>>
  load(): Promise<void>
  addSetting(setting: SettingParams): void
  get(id: string): SettingValue
  set(id: string, value: SettingValue): Promise<void>
}

export function createSettingStore(api: ComfyApi): SettingStore {
  // Shallow: values are replaced whole on `set`, and an extension's objects stay unproxied.
  const values = shallowReactive<Record<string, SettingValue>>({})
  const settingsById = shallowReactive<Record<string, SettingParams>>({})

  function defaultValue(id: string): SettingValue {
    const setting = settingsById[id]
    if (!setting) return undefined
    const { defaultValue } = setting
    return typeof defaultValue === 'function' ? (defaultValue as () => SettingValue)() : defaultValue
  }

  function get(id: string): SettingValue {
    return values[id] ?? defaultValue(id)
  }

  return {
    settingsById,
    async load() {
      Object.assign(values, await api.getSettings())
    },
    addSetting(setting) {
      if (!setting.id) throw new Error('Settings must have an ID')
      if (setting.id in settingsById) throw new Error(`Setting ${setting.id} must have a unique ID.`)
      settingsById[setting.id] = markRaw(setting)
      // ComfyUI calls onChange once at registration with the current value.
      setting.onChange?.(get(setting.id), undefined)
    },
    get,
    async set(id, value) {
      const oldValue = get(id)
      if (value === oldValue) return
      settingsById[id]?.onChange?.(value, oldValue)
      values[id] = value
      await api.storeSetting(id, value)
    }
  }
}
