import { describe, expect, it } from 'vitest'

import { deferred, fakeAccount, sessionFor } from '../../tests/support/fakeServices'
import { ok } from '@/types/errors'

const setup = fakeAccount

describe('the account store', () => {
  it('is "restoring" until Firebase has restored the session, never "signed out"', async () => {
    const { store, firebase } = setup(sessionFor('ada@example.com'))
    const started = store.start()
    expect(store.session.status).toBe('restoring')
    firebase.restore()
    await started
    expect(store.session).toMatchObject({
      status: 'signedIn',
      method: 'password',
      profile: { email: 'ada@example.com' }
    })
  })

  it('signs in with email, creates the customer and loads the balance', async () => {
    const { store, firebase, comfyApi } = setup()
    firebase.restore()
    await store.start()
    const result = await store.signInWithEmail('  ada@example.com ', 'correct horse')
    expect(result.ok).toBe(true)
    expect(firebase.client.signInWithEmail).toHaveBeenCalledWith('ada@example.com', 'correct horse', {
      remember: true
    })
    expect(store.profile?.email).toBe('ada@example.com')
    expect(comfyApi.createCustomer).toHaveBeenCalledTimes(1)
    expect(store.balance).toEqual({ status: 'loaded', balance: { amountMicros: 5_000_000, currency: 'usd' } })
  })

  it.for([
    {
      name: 'a sign-in made in another tab creates-or-gets the customer before the balance',
      restored: null,
      creates: 1
    },
    {
      name: 'a session restored at start-up reads the balance directly',
      restored: sessionFor('ada@example.com'),
      creates: 0
    }
  ])('$name', async ({ restored, creates }) => {
    const { store, firebase, comfyApi } = setup(restored)
    firebase.restore()
    await store.start()
    if (!restored) firebase.emit(sessionFor('ada@example.com'))
    await store.refreshBalance()
    expect(comfyApi.createCustomer).toHaveBeenCalledTimes(creates)
    expect(store.balance).toEqual({ status: 'loaded', balance: { amountMicros: 5_000_000, currency: 'usd' } })
  })

  it('keeps the user signed out with a classified error on a wrong password', async () => {
    const { store, firebase } = setup()
    firebase.restore()
    await store.start()
    await store.signInWithEmail('ada@example.com', 'wrong')
    expect(store.session.status).toBe('signedOut')
    expect(store.lastError).toEqual({ action: 'signIn', kind: 'invalidCredentials' })
    expect(store.busy).toBeNull()
  })

  it('passes "keep me signed in" through to Firebase', async () => {
    const { store, firebase } = setup()
    firebase.restore()
    await store.start()
    store.remember = false
    await store.signInWithEmail('ada@example.com', 'correct horse')
    expect(firebase.client.signInWithEmail).toHaveBeenCalledWith('ada@example.com', 'correct horse', {
      remember: false
    })
  })

  it('keeps how an address already signs in when Google or GitHub meets its account', async () => {
    const { store, firebase } = setup()
    firebase.restore()
    await store.start()
    firebase.client.signInWithProvider.mockResolvedValueOnce({
      ok: false,
      reason: 'accountExistsWithDifferentCredential',
      existingMethods: ['password']
    })
    await store.signInWithProvider('github')
    expect(store.session.status).toBe('signedOut')
    expect(store.lastError).toEqual({
      action: 'oauth',
      kind: 'accountExistsWithDifferentCredential',
      existingMethods: ['password']
    })
  })

  it('stays signed in when the Comfy API fails after sign-in, and says so', async () => {
    const { store, firebase, comfyApi } = setup()
    comfyApi.createCustomer.mockResolvedValueOnce({ ok: false, reason: 'server' })
    firebase.restore()
    await store.start()
    await store.signInWithEmail('ada@example.com', 'correct horse')
    expect(store.session.status).toBe('signedIn')
    expect(store.lastError).toEqual({ action: 'customer', kind: 'server' })
  })

  it('drops a balance that arrives after the user signed out', async () => {
    const { store, firebase, comfyApi } = setup(sessionFor('ada@example.com'))
    firebase.restore()
    await store.start()
    const late = deferred<ReturnType<typeof ok<{ amountMicros: number; currency: string }>>>()
    comfyApi.getBalance.mockReturnValueOnce(late.promise)
    const refreshing = store.refreshBalance()
    await store.signOut()
    late.resolve(ok({ amountMicros: 1, currency: 'usd' }))
    await refreshing
    expect(store.session.status).toBe('signedOut')
    expect(store.balance).toEqual({ status: 'idle' })
  })

  it('follows sign-outs made elsewhere (another tab)', async () => {
    const { store, firebase } = setup(sessionFor('ada@example.com'))
    firebase.restore()
    await store.start()
    firebase.emit(null)
    expect(store.session.status).toBe('signedOut')
  })

  it('log out forgets everything', async () => {
    const { store, firebase } = setup(sessionFor('ada@example.com'))
    firebase.restore()
    await store.start()
    await store.refreshBalance()
    store.remember = false
    await store.signOut()
    expect(firebase.client.signOut).toHaveBeenCalledTimes(1)
    expect(store.session.status).toBe('signedOut')
    expect(store.balance).toEqual({ status: 'idle' })
    expect(store.remember).toBe(true)
    expect(store.profile).toBeNull()
  })
})
