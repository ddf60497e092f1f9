/**
 * The store next to ComfyUI's own account page: a key ComfyUI's store deletes after a failed
 * check survives and is handed back, a log out on ComfyUI's page still logs out, and one sign-in
 * replaces the other credential so a prompt never carries two users.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { fakeAccount, keyCheckSettled, sessionFor } from '../../tests/support/fakeServices'
import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from '@/auth/startup/storageNames'
import { fail, ok } from '@/types/errors'

const key = `comfyui-${'h'.repeat(64)}`

let disposeStore: () => void = () => {}
let gesture = false

async function started({
  hostHasAccountPage = true,
  firebase: initial = null as ReturnType<typeof sessionFor> | null
} = {}) {
  const fakes = fakeAccount(initial, {
    hostHasAccountPage,
    userGesture: { inProgress: () => gesture, stop: () => undefined }
  })
  const { store } = fakes
  disposeStore = () => store.$dispose()
  const start = store.start()
  fakes.firebase.restore()
  await start
  await keyCheckSettled(store)
  return fakes
}

/** ComfyUI's own key store in this tab: VueUse removes the item, then tells same-tab listeners. */
function hostRemovesKey(): void {
  const oldValue = localStorage.getItem(API_KEY_STORAGE_KEY)
  localStorage.removeItem(API_KEY_STORAGE_KEY)
  window.dispatchEvent(
    new StorageEvent('storage', {
      key: API_KEY_STORAGE_KEY,
      oldValue,
      newValue: null,
      storageArea: localStorage
    })
  )
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  gesture = false
})
afterEach(() => {
  disposeStore()
  vi.useRealTimers()
})

describe("a key ComfyUI's own store deletes", () => {
  it('is held, still used, and handed back once Comfy accepts it', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, comfyApi, services } = await started()
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBe(key)

    comfyApi.verifyApiKey.mockResolvedValueOnce(ok({ id: 'cus_key', email: null, name: 'Key User' }))
    hostRemovesKey()
    expect(store.storedKey).toEqual({ key, remembered: true, held: true })
    expect(await services.credentials.current()).toEqual(ok({ kind: 'apiKey', key }))
    await keyCheckSettled(store)

    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
    expect(store.storedKey).toEqual({ key, remembered: true })
    expect(store.hiddenFromHost).toBeNull()
  })

  it('stays held through an outage, says so, and is retried later', async () => {
    vi.useFakeTimers()
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, comfyApi } = await started()
    comfyApi.verifyApiKey.mockResolvedValue(fail('server'))

    hostRemovesKey()
    await keyCheckSettled(store)
    expect(store.session).toMatchObject({ status: 'signedIn', method: 'apiKey' })
    expect(store.hiddenFromHost).toBe('keyHeld')
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()

    comfyApi.verifyApiKey.mockResolvedValue(ok({ id: 'cus_key', email: null, name: 'Key User' }))
    await vi.advanceTimersByTimeAsync(15_000)
    await keyCheckSettled(store)
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
    expect(store.hiddenFromHost).toBeNull()
  })

  it('survives a reload when ComfyUI deleted it before we loaded', async () => {
    localStorage.setItem(KEY_COPY_STORAGE_KEY, key) // our copy; ComfyUI's entry already gone
    const { store } = await started()
    expect(store.session).toMatchObject({ status: 'signedIn', method: 'apiKey' })
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
  })

  it('is dropped everywhere when Comfy itself rejects it', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, comfyApi } = await started()
    comfyApi.verifyApiKey.mockResolvedValue(fail('unauthorized'))
    hostRemovesKey()
    await keyCheckSettled(store)
    expect(store.session).toEqual({ status: 'signedOut' })
    expect(store.keyRejectedNotice).toBe(true)
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBeNull()
  })

  it("is logged out everywhere when the user clicked log out on ComfyUI's page", async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, firebase } = await started()
    gesture = true
    hostRemovesKey()
    await vi.waitFor(() => expect(store.session).toEqual({ status: 'signedOut' }))
    expect(firebase.client.signOut).toHaveBeenCalled()
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBeNull()
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
  })

  it('is not handed back more than three times when only ComfyUI cannot check it', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store } = await started()
    for (let i = 0; i < 5; i++) {
      hostRemovesKey()
      await keyCheckSettled(store)
    }
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(store.storedKey).toMatchObject({ key, held: true })
  })
})

describe('one credential at a time', () => {
  it('a Firebase sign-in removes a stored key', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store } = await started()
    await store.signInWithEmail('ada@example.com', 'correct horse')
    expect(store.method).toBe('password')
    expect(store.storedKey).toBeNull()
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(localStorage.getItem(KEY_COPY_STORAGE_KEY)).toBeNull()
  })

  it('a key sign-in ends the Firebase session', async () => {
    const { store, firebase } = await started({ firebase: sessionFor('ada@example.com') })
    await store.signInWithApiKey(key)
    expect(firebase.client.signOut).toHaveBeenCalled()
    expect(store.method).toBe('apiKey')
  })
})

describe('the shared Firebase session', () => {
  it("ended by ComfyUI's own log out ends every credential of ours", async () => {
    const { store, firebase } = await started({ firebase: sessionFor('ada@example.com') })
    firebase.endElsewhere()
    await vi.waitFor(() => expect(firebase.client.signOut).toHaveBeenCalled())
    await vi.waitFor(() => expect(store.session).toEqual({ status: 'signedOut' }))
  })

  it.for([
    { remembered: true, hostHasAccountPage: true, hidden: null },
    { remembered: false, hostHasAccountPage: true, hidden: 'tabOnly' },
    { remembered: false, hostHasAccountPage: false, hidden: null }
  ])(
    'a session remembered=$remembered next to a host page=$hostHasAccountPage is hidden from it: $hidden',
    async ({ remembered, hostHasAccountPage, hidden }) => {
      const { store } = await started({
        hostHasAccountPage,
        firebase: { ...sessionFor('ada@example.com'), remembered }
      })
      expect(store.hiddenFromHost).toBe(hidden)
    }
  )
})
