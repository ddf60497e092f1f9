/**
 * The Firebase client's own rules, with the SDK replaced: token requests are shared only between
 * callers that asked for the same user and freshness, and the popup opens inside the click.
 * Sign-in itself runs against the Auth Emulator (tests/integration) and in Chromium (tests/browser).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { deferred } from '../../../tests/support/fakeServices'
import { localConfig } from '@/config/accountConfig'

interface FakeUser {
  uid: string
  providerData: { providerId: string }[]
  email: string
  displayName: null
  photoURL: null
  emailVerified: boolean
  toJSON(): unknown
  getIdTokenResult: ReturnType<typeof vi.fn>
  getIdToken: ReturnType<typeof vi.fn>
}

const sdk = vi.hoisted(() => ({
  auths: [] as { name: string; currentUser: unknown }[],
  signInWithPopup: vi.fn()
}))

vi.mock('firebase/app', () => ({
  getApps: () => [],
  initializeApp: (_config: unknown, name = '[DEFAULT]') => ({ name })
}))
vi.mock('firebase/auth', () => {
  class Provider {
    setCustomParameters(): void {}
  }
  return {
    browserLocalPersistence: { type: 'LOCAL' },
    browserSessionPersistence: { type: 'SESSION' },
    indexedDBLocalPersistence: { type: 'IDB' },
    browserPopupRedirectResolver: {},
    initializeAuth: (app: { name: string }) => {
      const auth = { name: app.name, currentUser: null, authStateReady: async () => undefined }
      sdk.auths.push(auth)
      return auth
    },
    connectAuthEmulator: () => undefined,
    onIdTokenChanged: () => () => undefined,
    signInWithPopup: sdk.signInWithPopup,
    GoogleAuthProvider: class extends Provider {},
    GithubAuthProvider: class extends Provider {},
    signOut: async (auth: { currentUser: unknown }) => {
      auth.currentUser = null
    },
    createUserWithEmailAndPassword: vi.fn(),
    fetchSignInMethodsForEmail: vi.fn(),
    sendEmailVerification: vi.fn(),
    sendPasswordResetEmail: vi.fn(),
    signInWithEmailAndPassword: vi.fn()
  }
})

function user(uid: string, expiresInMs: number): FakeUser {
  return {
    uid,
    providerData: [{ providerId: 'password' }],
    email: `${uid}@example.com`,
    displayName: null,
    photoURL: null,
    emailVerified: true,
    toJSON: () => ({ stsTokenManager: { expirationTime: Date.now() + expiresInMs } }),
    getIdTokenResult: vi.fn(async () => ({ token: `${uid}-cached`, expirationTime: '' })),
    getIdToken: vi.fn(async () => `${uid}-fresh`)
  }
}

async function startClient() {
  vi.resetModules()
  sdk.auths.length = 0
  const { createFirebaseAuthClient } = await import('./firebaseAuthClient')
  const { browserLocalPersistence, browserSessionPersistence } = await import('firebase/auth')
  const created = createFirebaseAuthClient({
    config: localConfig(),
    platform: { remembered: [browserLocalPersistence], tabOnly: browserSessionPersistence }
  })
  const remembered = sdk.auths.find((auth) => auth.name === '[DEFAULT]')
  if (!remembered) throw new Error('no [DEFAULT] auth was started')
  return { client: created, remembered }
}

beforeEach(() => {
  sdk.signInWithPopup.mockReset()
})

describe('ID tokens', () => {
  it('share one request between callers asking for the same user and freshness', async () => {
    const { client, remembered } = await startClient()
    const ada = user('ada', 60 * 60_000)
    remembered.currentUser = ada
    const [a, b] = await Promise.all([client.getIdToken(), client.getIdToken()])
    expect([a, b]).toEqual([
      { ok: true, value: 'ada-cached' },
      { ok: true, value: 'ada-cached' }
    ])
    expect(ada.getIdTokenResult).toHaveBeenCalledTimes(1)
  })

  it('give a forced refresh a fresh token, even while a normal request is under way', async () => {
    const { client, remembered } = await startClient()
    const ada = user('ada', 60 * 60_000)
    const slow = deferred<{ token: string; expirationTime: string }>()
    ada.getIdTokenResult.mockReturnValueOnce(slow.promise)
    remembered.currentUser = ada
    const normal = client.getIdToken()
    const forced = client.getIdToken(Number.POSITIVE_INFINITY)
    slow.resolve({ token: 'ada-cached', expirationTime: '' })
    expect(await forced).toEqual({ ok: true, value: 'ada-fresh' })
    expect(await normal).toEqual({ ok: true, value: 'ada-cached' })
    expect(ada.getIdToken).toHaveBeenCalledWith(true)
  })

  it("never hand user B the token user A's request is still waiting for", async () => {
    const { client, remembered } = await startClient()
    const ada = user('ada', 60 * 60_000)
    const slow = deferred<{ token: string; expirationTime: string }>()
    ada.getIdTokenResult.mockReturnValueOnce(slow.promise)
    remembered.currentUser = ada
    const forAda = client.getIdToken()
    remembered.currentUser = user('bob', 60 * 60_000) // A logged out, B signed in
    const forBob = client.getIdToken()
    slow.resolve({ token: 'ada-cached', expirationTime: '' })
    expect(await forBob).toEqual({ ok: true, value: 'bob-cached' })
    expect(await forAda).toEqual({ ok: true, value: 'ada-cached' })
  })
})

describe('Google and GitHub', () => {
  it('open the popup in the same task as the click, with no await before it', async () => {
    const { client } = await startClient()
    sdk.signInWithPopup.mockReturnValue(new Promise(() => undefined))
    void client.signInWithProvider('google', { remember: true })
    expect(sdk.signInWithPopup).toHaveBeenCalledTimes(1)
  })
})
