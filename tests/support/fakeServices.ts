/**
 * In-memory stand-ins for unit and component tests. Integration and browser tests use the real
 * Firebase Auth Emulator and our local Comfy API server instead.
 */
import { vi } from 'vitest'

import { until } from '@vueuse/core'
import { createPinia } from 'pinia'

import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import type { ComfyApiClient } from '@/auth/comfyApi/comfyApiClient'
import { createCredentialSource } from '@/auth/credentials/credentialSource'
import type { FirebaseAuthClient, FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import { localConfig } from '@/config/accountConfig'
import type { AccountServices } from '@/store/accountServices'
import { createAccountStore, type AccountStore } from '@/store/accountStore'
import { fail, ok } from '@/types/errors'

export interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

export function sessionFor(
  email: string,
  overrides: Partial<FirebaseSession['profile']> = {}
): FirebaseSession {
  return {
    method: 'password',
    remembered: true,
    profile: {
      id: `uid-${email}`,
      email,
      displayName: null,
      photoUrl: null,
      emailVerified: false,
      ...overrides
    }
  }
}

export function fakeFirebase(initial: FirebaseSession | null = null) {
  const listeners = new Set<(s: FirebaseSession | null) => void>()
  const accounts = new Map<string, string>([['ada@example.com', 'correct horse']])
  const ready = deferred<FirebaseSession | null>()
  const endedElsewhere = new Set<() => void>()
  const client = {
    ready: ready.promise,
    onChange: vi.fn((listener: (s: FirebaseSession | null) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    signInWithEmail: vi.fn<FirebaseAuthClient['signInWithEmail']>(async (email, password) =>
      accounts.get(email) === password ? ok(sessionFor(email)) : fail('invalidCredentials' as const)
    ),
    createAccount: vi.fn(async (email: string) => ok(sessionFor(email))),
    signInWithProvider: vi.fn<FirebaseAuthClient['signInWithProvider']>(async (provider) =>
      ok({ ...sessionFor(`${provider}-user@example.com`), method: provider })
    ),
    sendPasswordReset: vi.fn(async () => ok(undefined)),
    sendVerificationEmail: vi.fn(async () => ok(undefined)),
    refreshProfile: vi.fn(async () => ok(null)),
    getIdToken: vi.fn<FirebaseAuthClient['getIdToken']>(async () => ok('id-token')),
    signOut: vi.fn(async () => {
      listeners.forEach((l) => l(null))
    }),
    onSignedOutElsewhere: vi.fn((listener: () => void) => {
      endedElsewhere.add(listener)
      return () => endedElsewhere.delete(listener)
    })
  } satisfies FirebaseAuthClient
  return {
    client,
    /** ComfyUI's own log out (or another tab's) ended the shared session. */
    endElsewhere: () => {
      listeners.forEach((l) => l(null))
      endedElsewhere.forEach((l) => l())
    },
    restore: () => ready.resolve(initial),
    emit: (session: FirebaseSession | null) => listeners.forEach((l) => l(session))
  }
}

export function fakeComfyApi(): ComfyApiClient & {
  [K in 'createCustomer' | 'getBalance' | 'verifyApiKey']: ReturnType<typeof vi.fn>
} {
  return {
    http: undefined as never,
    createCustomer: vi.fn(async () => ok({ id: 'cus_1', email: 'ada@example.com', name: null })),
    verifyApiKey: vi.fn(async () => ok({ id: 'cus_key', email: null, name: 'Key User' })),
    getBalance: vi.fn(async () => ok({ amountMicros: 5_000_000, currency: 'usd' }))
  }
}

export function fakeServices(initial: FirebaseSession | null = null) {
  const firebase = fakeFirebase(initial)
  const comfyApi = fakeComfyApi()
  const services: AccountServices = {
    config: localConfig(),
    firebase: firebase.client,
    comfyApi,
    credentials: createCredentialSource({ firebase: firebase.client }),
    apiKeys: createApiKeyStorage(),
    userGesture: { inProgress: () => false, stop: () => undefined },
    hostHasAccountPage: false
  }
  return { services, firebase, comfyApi }
}

/** A store on a fresh Pinia over fake services; `overrides` replaces some of them. */
export function fakeAccount(
  initial: FirebaseSession | null = null,
  overrides: Partial<AccountServices> = {}
) {
  const fakes = fakeServices(initial)
  const services = { ...fakes.services, ...overrides }
  const pinia = createPinia()
  const store = createAccountStore(pinia, services)
  return { ...fakes, services, pinia, store }
}

/** Waits for the store's background check of a stored key, if one is under way, to finish. */
export async function keyCheckSettled(store: AccountStore): Promise<void> {
  await until(() => store.keyCheck).toBe('idle')
}
