import { beforeEach, describe, expect, it } from 'vitest'

import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from './storageNames'
import { persistenceKey, TAB_ONLY_APP_NAME } from '../firebase/firebaseAuthClient'

import { hasStoredSession } from './storedSessionHint'

const apiKey = 'fake-api-key'

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('hasStoredSession', () => {
  it('is false on a clean device', async () => {
    expect(await hasStoredSession(apiKey)).toBe(false)
  })

  it.for([
    { area: 'local', key: persistenceKey(apiKey, '[DEFAULT]') },
    { area: 'session', key: persistenceKey(apiKey, TAB_ONLY_APP_NAME) },
    { area: 'local', key: API_KEY_STORAGE_KEY },
    { area: 'local', key: KEY_COPY_STORAGE_KEY },
    { area: 'session', key: API_KEY_STORAGE_KEY }
  ] as const)('finds a session kept in $area storage under $key', async ({ area, key }) => {
    ;(area === 'local' ? localStorage : sessionStorage).setItem(key, 'x')
    expect(await hasStoredSession(apiKey)).toBe(true)
  })
})
