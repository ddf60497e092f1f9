import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { fakeAccount, sessionFor } from '../../tests/support/fakeServices'

import { LAST_ACTIVE_STORAGE_KEY, startIdleSignOut } from './idleSignOut'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

async function setup(minutes: number) {
  const fakes = fakeAccount(sessionFor('ada@example.com'))
  const { store } = fakes
  const started = store.start()
  fakes.firebase.restore()
  await started
  const toast = vi.fn()
  const translate = async (key: string, values: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`
  const idle = startIdleSignOut({ store, host: { locale: () => 'en', toast }, checkEveryMs: 1000, translate })
  idle.setMinutes(minutes)
  return { store, toast, idle, fakes }
}

describe('sign out after inactivity', () => {
  it('warns a minute before and then signs out', async () => {
    const { store, toast } = await setup(15)
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 2000)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ severity: 'warn' }))
    expect(store.isSignedIn).toBe(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.isSignedIn).toBe(false)
    expect(toast).toHaveBeenLastCalledWith(
      expect.objectContaining({ summary: 'comfyAccount.idle.signedOut {"minutes":15}' })
    )
  })

  it('keeps the user signed in while they are active', async () => {
    const { store } = await setup(15)
    for (let minute = 0; minute < 30; minute++) {
      await vi.advanceTimersByTimeAsync(60_000)
      window.dispatchEvent(new Event('mousemove'))
    }
    expect(store.isSignedIn).toBe(true)
  })

  it('is off at 0 minutes', async () => {
    const { store } = await setup(0)
    await vi.advanceTimersByTimeAsync(5 * 60 * 60_000)
    expect(store.isSignedIn).toBe(true)
  })
})

describe('sign out after inactivity, across tabs', () => {
  it("counts another tab's activity: an idle background tab does not sign out a busy one", async () => {
    const { store } = await setup(15)
    for (let minute = 0; minute < 30; minute++) {
      await vi.advanceTimersByTimeAsync(60_000)
      // What another tab of this ComfyUI writes while the user works there.
      localStorage.setItem(LAST_ACTIVE_STORAGE_KEY, String(Date.now()))
      window.dispatchEvent(
        new StorageEvent('storage', {
          key: LAST_ACTIVE_STORAGE_KEY,
          newValue: String(Date.now()),
          storageArea: localStorage
        })
      )
    }
    expect(store.isSignedIn).toBe(true)
  })

  it('starts the clock again at a sign-in, so an old idle tab cannot undo it', async () => {
    const { store, fakes } = await setup(15)
    await store.signOut()
    await vi.advanceTimersByTimeAsync(20 * 60_000) // idle for 20 minutes while signed out
    fakes.firebase.emit(sessionFor('ada@example.com'))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.isSignedIn).toBe(true)
    expect(Number(localStorage.getItem(LAST_ACTIVE_STORAGE_KEY))).toBeGreaterThan(Date.now() - 15_000)
  })
})
