/**
 * Where a Comfy API key is kept. Remembered keys go where ComfyUI's own account page keeps
 * them, `localStorage['comfy_api_key']` (CONTRACTS §5), so both always agree; keys for this tab
 * only go to sessionStorage and are gone when the tab closes.
 */
export const API_KEY_STORAGE_KEY = 'comfy_api_key'

export interface StoredApiKey {
  key: string
  remembered: boolean
}

export interface ApiKeyStorage {
  read(): StoredApiKey | null
  /**
   * Where the key ended up: `remembered`, `tabOnly` (asked for, or all the browser allowed:
   * private mode, a full quota), or `notStored` when no storage accepts it.
   */
  write(key: string, remember: boolean): 'remembered' | 'tabOnly' | 'notStored'
  /** Removes the key from every place it may be; never throws. */
  clear(): void
}

export interface ApiKeyStorageOptions {
  /** @default () => localStorage */
  local?: () => Storage
  /** @default () => sessionStorage */
  session?: () => Storage
  /**
   * Tells same-tab listeners (ComfyUI's `useLocalStorage`) about a change: the browser only
   * fires `storage` events in other tabs.
   * @default dispatches a StorageEvent on window
   */
  announce?: (event: StorageEvent) => void
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}

export function createApiKeyStorage({
  local = () => localStorage,
  session = () => sessionStorage,
  announce = (event) => window.dispatchEvent(event)
}: ApiKeyStorageOptions = {}): ApiKeyStorage {
  function announceLocal(oldValue: string | null, newValue: string | null): void {
    if (oldValue === newValue) return
    safely(() => {
      announce(
        new StorageEvent('storage', {
          key: API_KEY_STORAGE_KEY,
          oldValue,
          newValue,
          storageArea: local(),
          url: globalThis.location?.href
        })
      )
    }, undefined)
  }

  const readFrom = (area: () => Storage) => safely(() => area().getItem(API_KEY_STORAGE_KEY), null)

  function clear(): void {
    const old = readFrom(local)
    safely(() => local().removeItem(API_KEY_STORAGE_KEY), undefined)
    safely(() => session().removeItem(API_KEY_STORAGE_KEY), undefined)
    announceLocal(old, null)
  }

  return {
    read() {
      const tabOnly = readFrom(session)
      if (tabOnly) return { key: tabOnly, remembered: false }
      const remembered = readFrom(local)
      return remembered ? { key: remembered, remembered: true } : null
    },
    write(key, remember) {
      const old = readFrom(local)
      const put = (area: () => Storage, other: () => Storage) =>
        safely(() => {
          area().setItem(API_KEY_STORAGE_KEY, key)
          safely(() => other().removeItem(API_KEY_STORAGE_KEY), undefined)
          return true
        }, false)
      if (remember && put(local, session)) {
        announceLocal(old, key)
        return 'remembered'
      }
      if (put(session, local)) {
        announceLocal(old, readFrom(local))
        return 'tabOnly'
      }
      return 'notStored'
    },
    clear
  }
}
