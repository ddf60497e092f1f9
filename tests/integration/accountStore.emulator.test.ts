/**
 * The store with the real services: Firebase Auth Emulator and our local Comfy API server, both
 * started by tests/support/globalSetup.ts.
 */
import { inMemoryPersistence } from 'firebase/auth'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, inject, it } from 'vitest'

import { newAccount } from '../support/accountFlows'
import { localConfig } from '@/config/accountConfig'
import { startAccount } from '@/store/startAccount'

const services = {
  authEmulatorUrl: inject('authEmulatorUrl'),
  comfyApiUrl: inject('comfyApiUrl'),
  firebaseProjectId: inject('firebaseProjectId')
}

function start() {
  setActivePinia(createPinia())
  // Node has no browser storage; persistence across reloads is proven in the browser tests.
  return startAccount(localConfig(services), {
    hostHasAccountPage: false,
    platform: { remembered: [inMemoryPersistence], tabOnly: inMemoryPersistence }
  })
}

describe('account store against the Auth Emulator and the local Comfy API', () => {
  beforeEach(async () => {
    // One Firebase Auth per process: start each test signed out.
    const { store, restored } = start()
    await restored
    await store.signOut()
  })

  it('restores to "signed out" when nobody is signed in', async () => {
    const { store, restored } = start()
    await restored
    expect(store.session.status).toBe('signedOut')
  })

  it('signs in with email, creates the Comfy customer and shows 5 USD of credits', async () => {
    const { email, password } = await newAccount('store')
    const { store, restored } = start()
    await restored
    const result = await store.signInWithEmail(email, password)
    expect(result.ok).toBe(true)
    expect(store.session).toMatchObject({ status: 'signedIn', method: 'password', profile: { email } })
    expect(store.lastError).toBeNull()
    expect(store.balance).toEqual({ status: 'loaded', balance: { amountMicros: 5_000_000, currency: 'usd' } })

    await store.signOut()
    expect(store.session.status).toBe('signedOut')
  })

  it('answers a wrong password with invalidCredentials and stays signed out', async () => {
    const { email } = await newAccount('store')
    const { store, restored } = start()
    await restored
    const result = await store.signInWithEmail(email, 'not-the-password')
    expect(result).toEqual({ ok: false, reason: 'invalidCredentials' })
    expect(store.session.status).toBe('signedOut')
  })

  it('answers an unknown address exactly like a wrong password', async () => {
    const { store, restored } = start()
    await restored
    const result = await store.signInWithEmail('nobody-here@example.com', 'whatever-123')
    expect(result).toEqual({ ok: false, reason: 'invalidCredentials' })
  })
})
