/**
 * Where a Comfy API key is kept. Remembered keys go where ComfyUI's own account page keeps
 * them, `localStorage['comfy_api_key']` (docs/host-contract.md, "The Comfy API key"), so both
 * always agree; keys for this tab only go to sessionStorage and are gone when the tab closes.
 *
 * ComfyUI's own key store deletes `comfy_api_key` whenever its check of the key fails, an outage
 * included, possibly before this extension has even loaded. So a remembered key also has a copy
 * under a name of ours that only our log out removes: when `comfy_api_key` is gone but the copy
 * is not, the key is *held* (still ours, to be handed back to ComfyUI once Comfy answers).
 */
import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from '../startup/storageNames'

export interface StoredApiKey {
  key: string
  remembered: boolean
  /** ComfyUI's own store deleted `comfy_api_key` but not after a log out: only our copy is left. */
  held?: boolean
}

export interface ApiKeyStorage {
  read(): StoredApiKey | null
  /**
   * Where the key ended up: `remembered`, `tabOnly` (asked for, or all the browser allowed:
   * private mode, a full quota), or `notStored` when no storage accepts it.
   */
  write(key: string, remember: boolean): 'remembered' | 'tabOnly' | 'notStored'
  /** Makes sure a remembered key has our copy (a key ComfyUI's own page saved has none yet). */
  keepCopy(key: string): void
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

  const readCopy = () => safely(() => local().getItem(KEY_COPY_STORAGE_KEY), null)
  const dropCopy = () => safely(() => local().removeItem(KEY_COPY_STORAGE_KEY), undefined)
  const keepCopy = (key: string) => {
    if (readCopy() !== key) safely(() => local().setItem(KEY_COPY_STORAGE_KEY, key), undefined)
  }

  function clear(): void {
    const old = readFrom(local)
    // Our copy first: other tabs hear each removal on its own, and one that heard of
    // `comfy_api_key` going while the copy was still there would take the key for held.
    dropCopy()
    safely(() => local().removeItem(API_KEY_STORAGE_KEY), undefined)
    safely(() => session().removeItem(API_KEY_STORAGE_KEY), undefined)
    announceLocal(old, null)
  }

  return {
    read() {
      const tabOnly = readFrom(session)
      if (tabOnly) return { key: tabOnly, remembered: false }
      const remembered = readFrom(local)
      if (remembered) return { key: remembered, remembered: true }
      const copy = readCopy()
      return copy ? { key: copy, remembered: true, held: true } : null
    },
    keepCopy,
    write(key, remember) {
      const old = readFrom(local)
      const put = (area: () => Storage, other: () => Storage) =>
        safely(() => {
          area().setItem(API_KEY_STORAGE_KEY, key)
          safely(() => other().removeItem(API_KEY_STORAGE_KEY), undefined)
          return true
        }, false)
      if (remember && put(local, session)) {
        keepCopy(key)
        announceLocal(old, key)
        return 'remembered'
      }
      if (put(session, local)) {
        dropCopy()
        announceLocal(old, readFrom(local))
        return 'tabOnly'
      }
      return 'notStored'
    },
    clear
  }
}
