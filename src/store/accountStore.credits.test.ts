import { afterEach, describe, expect, it, vi } from 'vitest'

import { deferred, fakeAccount, sessionFor } from '../../tests/support/fakeServices'
import type { Balance } from '@/auth/comfyApi/comfyApiAnswers'
import { fail, ok } from '@/types/errors'

let clock = 1_800_000_000_000
const tick = (ms: number) => (clock += ms)

async function signedIn(amountMicros = 5_000_000) {
  const account = fakeAccount(sessionFor('ada@example.com'), { clock: () => clock })
  account.comfyApi.getBalance.mockResolvedValue(ok({ amountMicros, currency: 'usd' }))
  account.firebase.restore()
  await account.store.start()
  return account
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the balance, when it matters', () => {
  it('remembers when the balance was read, and keeps it while a new read is under way', async () => {
    const { store, comfyApi } = await signedIn()
    await store.refreshBalance()
    expect(store.knownBalance).toEqual({ balance: { amountMicros: 5_000_000, currency: 'usd' }, at: clock })
    const answer = deferred<ReturnType<typeof ok<Balance>>>()
    comfyApi.getBalance.mockReturnValueOnce(answer.promise)
    tick(1000)
    const reading = store.refreshBalance()
    expect(store.balance.status).toBe('loading')
    expect(store.knownBalance?.balance?.amountMicros).toBe(5_000_000)
    answer.resolve(ok({ amountMicros: 0, currency: 'usd' }))
    await reading
    expect(store.knownBalance).toEqual({ balance: { amountMicros: 0, currency: 'usd' }, at: clock })
  })

  it('shares one read between everyone who asks meanwhile', async () => {
    const { store, comfyApi } = await signedIn()
    await Promise.all([store.refreshBalance(), store.refreshBalance(), store.creditsForRun()])
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(1)
  })

  it('reads at a glance at most once a minute', async () => {
    const { store, comfyApi } = await signedIn()
    await store.refreshBalanceAtGlance()
    tick(30_000)
    await store.refreshBalanceAtGlance()
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(1)
    tick(30_000)
    await store.refreshBalanceAtGlance()
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(2)
  })

  it.for([
    ['a fresh positive balance', 5_000_000, 'run'],
    ['a fresh zero', 0, 'ask'],
    ['a fresh negative balance', -250_000, 'ask']
  ] as const)('decides a run by %s without another read', async ([, amount, verdict]) => {
    const { store, comfyApi } = await signedIn(amount)
    await store.refreshBalance()
    expect(await store.creditsForRun()).toBe(verdict)
    expect(store.creditsKnownToPay()).toBe(verdict === 'run')
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(1)
  })

  it('reads a stale balance again before deciding', async () => {
    const { store, comfyApi } = await signedIn(5_000_000)
    await store.refreshBalance()
    comfyApi.getBalance.mockResolvedValue(ok({ amountMicros: 0, currency: 'usd' }))
    tick(10 * 60_000)
    expect(store.creditsKnownToPay()).toBe(false)
    expect(await store.creditsForRun()).toBe('ask')
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(2)
  })

  it('lets the run go when the balance cannot be had in time, or at all', async () => {
    vi.useFakeTimers()
    const { store, comfyApi } = await signedIn()
    comfyApi.getBalance.mockReturnValueOnce(new Promise(() => {}))
    const verdict = store.creditsForRun(2000)
    await vi.advanceTimersByTimeAsync(2000)
    expect(await verdict).toBe('run')
    vi.useRealTimers()

    const failing = await signedIn()
    failing.comfyApi.getBalance.mockResolvedValue(fail('server'))
    expect(await failing.store.creditsForRun()).toBe('run')
  })

  it('forgets the last balance when an answer makes no sense, and keeps it when Comfy is merely down', async () => {
    const { store, comfyApi } = await signedIn()
    await store.refreshBalance()
    comfyApi.getBalance.mockResolvedValueOnce(fail('server'))
    await store.refreshBalance()
    expect(store.knownBalance?.balance?.amountMicros).toBe(5_000_000)
    comfyApi.getBalance.mockResolvedValueOnce(fail('malformed'))
    await store.refreshBalance()
    expect(store.knownBalance).toBeNull()
  })

  it('reads the balance again once per partner-node run, however often it is reported', async () => {
    const { store, comfyApi } = await signedIn()
    store.partnerRunEnded('p1')
    await vi.waitFor(() => expect(store.knownBalance).not.toBeNull())
    store.partnerRunEnded('p1')
    await vi.waitFor(() => expect(store.balance.status).toBe('loaded'))
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(1)
    store.partnerRunEnded('p2')
    await vi.waitFor(() => expect(comfyApi.getBalance).toHaveBeenCalledTimes(2))
  })

  it('forgets the balance at log out, and a run that ends afterwards reads nothing', async () => {
    const { store, comfyApi } = await signedIn()
    await store.refreshBalance()
    await store.signOut()
    expect(store.knownBalance).toBeNull()
    expect(store.balanceAskedAt).toBeNull()
    store.partnerRunEnded('p3')
    expect(store.balance.status).toBe('idle')
    expect(comfyApi.getBalance).toHaveBeenCalledTimes(1)
  })
})
