import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { fakeServices, sessionFor } from '../../tests/support/fakeServices'
import { provideAccountServices } from '@/store/accountServices'
import { useAccountStore } from '@/store/accountStore'

import { startIdleSignOut } from './idleSignOut'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

async function setup(minutes: number) {
  const pinia = createPinia()
  const fakes = fakeServices(sessionFor('ada@example.com'))
  provideAccountServices(fakes.services)
  const store = useAccountStore(pinia)
  const started = store.start()
  fakes.firebase.restore()
  await started
  const toast = vi.fn()
  const translate = async (key: string, values: Record<string, unknown>) => `${key} ${JSON.stringify(values)}`
  const idle = startIdleSignOut({ pinia, host: { locale: () => 'en', toast }, checkEveryMs: 1000, translate })
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

  it('is off by default and for unknown values', async () => {
    const { store, idle } = await setup(0)
    idle.setMinutes('7')
    await vi.advanceTimersByTimeAsync(5 * 60 * 60_000)
    expect(store.isSignedIn).toBe(true)
  })
})
