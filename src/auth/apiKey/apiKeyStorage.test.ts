import { beforeEach, describe, expect, it, vi } from 'vitest'

import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from '../startup/storageNames'

import { createApiKeyStorage } from './apiKeyStorage'

const key = `comfyui-${'b'.repeat(64)}`

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('apiKeyStorage', () => {
  it("remembers a key where ComfyUI's own page reads it, and tells same-tab listeners", () => {
    const seen: StorageEvent[] = []
    const listener = (event: Event) => seen.push(event as StorageEvent)
    window.addEventListener('storage', listener)
    const storage = createApiKeyStorage()
    expect(storage.write(key, true)).toBe('remembered')
    window.removeEventListener('storage', listener)

    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(storage.read()).toEqual({ key, remembered: true })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.key).toBe(API_KEY_STORAGE_KEY)
    expect(seen[0]?.storageArea).toBe(localStorage)
  })

  it('keeps a key that is not remembered in this tab only', () => {
    const storage = createApiKeyStorage()
    storage.write(key, false)
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
    expect(storage.read()).toEqual({ key, remembered: false })
  })

  it('keeps the key for this tab when localStorage refuses it (private mode, full quota)', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
      removeItem: () => {}
    } as unknown as Storage
    const storage = createApiKeyStorage({ local: () => full })
    expect(storage.write(key, true)).toBe('tabOnly')
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
    expect(storage.read()).toEqual({ key, remembered: false })
  })

  it('clears the key from every storage', () => {
    const storage = createApiKeyStorage()
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    sessionStorage.setItem(API_KEY_STORAGE_KEY, key)
    storage.clear()
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(storage.read()).toBeNull()
  })

  it('reports a storage that throws instead of throwing', () => {
    const broken = {
      getItem: vi.fn(() => {
        throw new DOMException('denied', 'SecurityError')
      }),
      setItem: vi.fn(() => {
        throw new DOMException('full', 'QuotaExceededError')
      }),
      removeItem: vi.fn(() => {
        throw new DOMException('denied', 'SecurityError')
      })
    } as unknown as Storage
    const storage = createApiKeyStorage({ local: () => broken, session: () => broken })
    expect(storage.write(key, true)).toBe('notStored')
    expect(storage.read()).toBeNull()
    expect(() => storage.clear()).not.toThrow()
  })
})

describe("our copy of a remembered key (ComfyUI's own store may delete comfy_api_key)", () => {
  it('is written with the key, read back as held when only it is left, and cleared by clear()', () => {
    const storage = createApiKeyStorage()
    storage.write(key, true)
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBe(key)

    localStorage.removeItem(API_KEY_STORAGE_KEY) // ComfyUI's failed check
    expect(storage.read()).toEqual({ key, remembered: true, held: true })

    storage.clear()
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBeNull()
    expect(storage.read()).toBeNull()
  })

  it('is not kept for a tab-only key', () => {
    const storage = createApiKeyStorage()
    storage.write(key, true)
    storage.write(key, false)
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBeNull()
  })

  it("prefers ComfyUI's entry when the two differ (a key saved on ComfyUI's own page)", () => {
    const storage = createApiKeyStorage()
    localStorage.setItem(KEY_COPY_STORAGE_KEY, 'comfyui-old')
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    expect(storage.read()).toEqual({ key, remembered: true })
    storage.keepCopy(key)
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBe(key)
  })
})
