/**
 * The store's side of the API key: a key is verified before it is trusted, and a stored key is only
 * ever dropped on a definitive 401/403, never because Comfy could not be asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { fakeAccount, keyCheckSettled } from '../../tests/support/fakeServices'
import { API_KEY_STORAGE_KEY } from '@/auth/startup/storageNames'
import type { ApiErrorKind } from '@/types/errors'
import { fail, ok } from '@/types/errors'

const key = `comfyui-${'d'.repeat(64)}`
const otherKey = `comfyui-${'e'.repeat(64)}`
const stored = () => ({
  local: localStorage.getItem(API_KEY_STORAGE_KEY),
  session: sessionStorage.getItem(API_KEY_STORAGE_KEY)
})

let disposeStore: () => void = () => {}

/** A store restored with nobody signed in to Firebase; `start` is not awaited so a test can stage storage first. */
function setup() {
  const fakes = fakeAccount()
  disposeStore = () => fakes.store.$dispose()
  return fakes
}

async function started() {
  const fakes = setup()
  fakes.firebase.restore()
  await fakes.store.start()
  return fakes
}

/** What ComfyUI's own page or another tab does: write the key, then a `storage` event. */
function keySavedElsewhere(value: string): void {
  localStorage.setItem(API_KEY_STORAGE_KEY, value)
  window.dispatchEvent(
    new StorageEvent('storage', { key: API_KEY_STORAGE_KEY, newValue: value, storageArea: localStorage })
  )
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => disposeStore())

describe('signing in with an API key', () => {
  it('verifies the trimmed key once, then stores it where ComfyUI reads it', async () => {
    const { store, comfyApi } = await started()
    const result = await store.signInWithApiKey(`  ${key}\n`)

    expect(result).toEqual({ ok: true, value: { id: 'cus_key', email: null, name: 'Key User' } })
    expect(comfyApi.verifyApiKey).toHaveBeenCalledTimes(1)
    expect(comfyApi.verifyApiKey).toHaveBeenCalledWith(key)
    expect(stored()).toEqual({ local: key, session: null })
    expect(store.session).toMatchObject({
      status: 'signedIn',
      method: 'apiKey',
      profile: { displayName: 'Key User' }
    })
    expect(store.maskedKey).toBe('comfyui-…dddd')
    expect(store.balance).toEqual({ status: 'loaded', balance: { amountMicros: 5_000_000, currency: 'usd' } })
  })

  it('keeps the key in this tab only when "keep me signed in" is off', async () => {
    const { store } = await started()
    store.remember = false
    await store.signInWithApiKey(key)
    expect(stored()).toEqual({ local: null, session: key })
    expect(store.storedKey).toEqual({ key, remembered: false })
  })

  it.for<{ answer: ApiErrorKind; error: string }>([
    { answer: 'unauthorized', error: 'keyRejected' },
    { answer: 'server', error: 'keyCheckUnavailable' },
    { answer: 'timeout', error: 'keyCheckUnavailable' },
    { answer: 'network', error: 'keyCheckUnavailable' },
    { answer: 'malformed', error: 'keyCheckUnavailable' }
  ])('stores nothing when the check answers $answer, and says $error', async ({ answer, error }) => {
    const { store, comfyApi } = await started()
    comfyApi.verifyApiKey.mockResolvedValueOnce(fail(answer))
    const result = await store.signInWithApiKey(key)

    expect(result).toEqual({ ok: false, reason: error })
    expect(store.lastError).toEqual({ action: 'apiKey', kind: error })
    expect(store.session.status).toBe('signedOut')
    expect(stored()).toEqual({ local: null, session: null })
  })
})

describe('a stored key at start-up', () => {
  it.for<{ answer: ApiErrorKind; kept: boolean }>([
    { answer: 'server', kept: true },
    { answer: 'timeout', kept: true },
    { answer: 'network', kept: true },
    { answer: 'malformed', kept: true },
    { answer: 'unauthorized', kept: false }
  ])('when the re-check answers $answer, keeps it: $kept', async ({ answer, kept }) => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, firebase, comfyApi } = setup()
    comfyApi.verifyApiKey.mockResolvedValueOnce(fail(answer))
    firebase.restore()
    await store.start()
    await keyCheckSettled(store)

    expect(comfyApi.verifyApiKey).toHaveBeenCalledWith(key)
    expect(stored().local).toBe(kept ? key : null)
    expect(store.session.status).toBe(kept ? 'signedIn' : 'signedOut')
    expect(store.keyRejectedNotice).toBe(!kept)
  })

  it('learns whose key it is from the re-check', async () => {
    sessionStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, firebase, comfyApi } = setup()
    comfyApi.verifyApiKey.mockResolvedValueOnce(ok({ id: 'cus_7', email: 'ada@example.com', name: 'Ada' }))
    firebase.restore()
    await store.start()
    await keyCheckSettled(store)
    expect(store.profile).toMatchObject({ displayName: 'Ada', email: 'ada@example.com' })
    expect(store.storedKey).toEqual({ key, remembered: false })
  })
})

describe('a key saved elsewhere (another tab, ComfyUI’s own page)', () => {
  it('signs in with it and checks whose it is', async () => {
    const { store, comfyApi } = await started()
    comfyApi.verifyApiKey.mockResolvedValueOnce(ok({ id: 'cus_8', email: null, name: 'Grace' }))
    keySavedElsewhere(key)
    await keyCheckSettled(store)

    expect(comfyApi.verifyApiKey).toHaveBeenCalledWith(key)
    expect(store.session).toMatchObject({
      status: 'signedIn',
      method: 'apiKey',
      profile: { displayName: 'Grace' }
    })
  })

  it('drops it with the notice when Comfy rejects it', async () => {
    const { store, comfyApi } = await started()
    comfyApi.verifyApiKey.mockResolvedValueOnce(fail('unauthorized'))
    keySavedElsewhere(key)
    await keyCheckSettled(store)

    expect(store.session.status).toBe('signedOut')
    expect(store.keyRejectedNotice).toBe(true)
    expect(stored().local).toBeNull()
  })

  it('forgets the customer of the old key when another key replaces it', async () => {
    const { store, comfyApi } = await started()
    await store.signInWithApiKey(key)
    comfyApi.verifyApiKey.mockResolvedValueOnce(ok({ id: 'cus_other', email: null, name: 'Other' }))
    keySavedElsewhere(otherKey)
    expect(store.profile?.displayName).toBeNull()
    await keyCheckSettled(store)
    expect(store.profile?.displayName).toBe('Other')
  })

  it('is not checked twice when it is our own sign-in announcing itself', async () => {
    const { store, comfyApi } = await started()
    await store.signInWithApiKey(key)
    await keyCheckSettled(store)
    expect(comfyApi.verifyApiKey).toHaveBeenCalledTimes(1)
  })
})

describe('log out of a key session', () => {
  it.for([true, false])('removes the key from every storage (remembered: %s)', async (remember) => {
    const { store } = await started()
    store.remember = remember
    await store.signInWithApiKey(key)
    await store.signOut()
    expect(stored()).toEqual({ local: null, session: null })
    expect(store.storedKey).toBeNull()
    expect(store.session.status).toBe('signedOut')
  })
})

describe("keys saved by ComfyUI's own page in this tab", () => {
  it.for([
    ['a storage event (VueUse 13+)', (value: string) => keySavedElsewhere(value)],
    [
      "VueUse's older same-tab event",
      (value: string) => {
        localStorage.setItem(API_KEY_STORAGE_KEY, value)
        window.dispatchEvent(
          new CustomEvent('vueuse-storage', {
            detail: { key: API_KEY_STORAGE_KEY, newValue: value, storageArea: localStorage }
          })
        )
      }
    ]
  ] as const)('are picked up from %s', async ([, save]) => {
    const { store } = await started()
    save(otherKey)
    expect(store.storedKey?.key).toBe(otherKey)
    expect(store.session).toMatchObject({ status: 'signedIn', method: 'apiKey' })
  })
})
