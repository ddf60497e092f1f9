/**
 * One way out for every log out: it clears the same things (drafts included), wins over a
 * sign-in still under way, never claims "signed out" while a credential survives, and drops only
 * the credential the Comfy API actually rejected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { deferred, fakeAccount, sessionFor } from '../../tests/support/fakeServices'
import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import { API_KEY_STORAGE_KEY } from '@/auth/startup/storageNames'
import type { FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import type { Customer } from '@/auth/comfyApi/comfyApiAnswers'
import { fail, ok, type ApiErrorKind, type AuthErrorKind, type Result } from '@/types/errors'

import type { AccountServices } from './accountServices'

const key = `comfyui-${'c'.repeat(64)}`
let disposeStore: () => void = () => {}

async function started(initial: FirebaseSession | null = null, overrides: Partial<AccountServices> = {}) {
  const fakes = fakeAccount(initial, overrides)
  const { store } = fakes
  disposeStore = () => store.$dispose()
  const start = store.start()
  fakes.firebase.restore()
  await start
  return fakes
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  disposeStore()
  vi.useRealTimers()
})

describe('log out', () => {
  it('clears the typed email too, whoever asked for it', async () => {
    const { store } = await started(sessionFor('ada@example.com'))
    store.draftEmail = 'ada@example.com'
    store.draftMode = 'reset'
    await store.signOut()
    expect(store.draftEmail).toBe('')
    expect(store.draftMode).toBe('signIn')
  })

  it('wins over a Firebase sign-in that finishes after it', async () => {
    const { store, firebase } = await started()
    const pending = deferred<Result<FirebaseSession, AuthErrorKind>>()
    firebase.client.signInWithEmail.mockReturnValueOnce(pending.promise)
    const signingIn = store.signInWithEmail('ada@example.com', 'correct horse')
    await store.signOut()
    pending.resolve(ok(sessionFor('ada@example.com')))
    await signingIn
    expect(firebase.client.signOut).toHaveBeenCalledTimes(2)
    expect(store.session).toEqual({ status: 'signedOut' })
  })

  it('wins over a key whose check answers after it: nothing is stored', async () => {
    const { store, comfyApi } = await started()
    const pending = deferred<Result<Customer, ApiErrorKind>>()
    comfyApi.verifyApiKey.mockReturnValueOnce(pending.promise)
    const signingIn = store.signInWithApiKey(key)
    await store.signOut()
    pending.resolve(ok({ id: 'cus_key', email: null, name: 'Key User' }))
    await signingIn
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(store.session).toEqual({ status: 'signedOut' })
  })

  it('stays signed in, says so and retries when the browser will not remove the key', async () => {
    vi.useFakeTimers()
    let refuse = true
    const apiKeys = createApiKeyStorage({
      local: () =>
        new Proxy(localStorage, {
          get(target, name) {
            if (name === 'removeItem' && refuse)
              return () => {
                throw new DOMException('denied', 'SecurityError')
              }
            const value: unknown = Reflect.get(target, name)
            return typeof value === 'function' ? value.bind(target) : value
          }
        })
    })
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store } = await started(null, { apiKeys })
    await store.signOut()
    expect(store.session).toMatchObject({ status: 'signedIn', method: 'apiKey' })
    expect(store.lastError).toEqual({ action: 'signOut', kind: 'signOutIncomplete' })

    refuse = false
    await vi.advanceTimersByTimeAsync(5_000)
    expect(store.session).toEqual({ status: 'signedOut' })
  })
})

describe('a revoked or expired Firebase session', () => {
  it.for(['sessionExpired', 'userDisabled'] as const)(
    '(%s) signs out with its own message and keeps the address for signing in again',
    async (kind) => {
      const { store, firebase, services } = await started(sessionFor('ada@example.com'))
      firebase.client.getIdToken.mockResolvedValueOnce(fail(kind))
      expect(await services.credentials.current()).toEqual(fail(kind))
      expect(store.session).toEqual({ status: 'signedOut' })
      expect(store.lastError).toEqual({ action: 'signIn', kind })
      expect(store.draftEmail).toBe('ada@example.com')
    }
  )
})

describe('the Comfy API rejects a credential', () => {
  it('a rejected token signs out of Firebase but keeps a stored key', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, firebase } = await started(sessionFor('ada@example.com'))
    await store.handleUnauthorized('firebase')
    expect(firebase.client.signOut).toHaveBeenCalled()
    expect(store.method).toBe('apiKey')
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBe(key)
  })

  it('a rejected key is removed but a Firebase session stays', async () => {
    localStorage.setItem(API_KEY_STORAGE_KEY, key)
    const { store, firebase } = await started(sessionFor('ada@example.com'))
    await store.handleUnauthorized('apiKey')
    expect(firebase.client.signOut).not.toHaveBeenCalled()
    expect(store.method).toBe('password')
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull()
    expect(store.keyRejectedNotice).toBe(true)
  })
})
