/**
 * The one store of ComfyUI-Account: who is signed in, how, with what credits, and what is
 * running. Components and the host integration read it; only its actions change it.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import type { Balance } from '@/auth/comfyApi/schemas'
import type { FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import type { ApiErrorKind, AuthErrorKind } from '@/types/errors'
import type { Session } from '@/types/session'

import { accountServices } from './accountServices'

export type AccountAction = 'signIn' | 'signUp' | 'resetPassword' | 'sendVerification' | 'signOut'

export interface AccountError {
  action: AccountAction | 'customer' | 'balance'
  kind: AuthErrorKind | ApiErrorKind
}

export type BalanceState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; balance: Balance | null }
  | { status: 'failed'; reason: ApiErrorKind }

export const useAccountStore = defineStore('comfyAccount', () => {
  // ---- state ----
  const session = shallowRef<Session>({ status: 'restoring' })
  /** "Keep me signed in on this device". */
  const remember = ref(true)
  const busy = ref<AccountAction | null>(null)
  const lastError = shallowRef<AccountError | null>(null)
  const balance = shallowRef<BalanceState>({ status: 'idle' })

  // ---- getters ----
  const isSignedIn = computed(() => session.value.status === 'signedIn')
  const profile = computed(() => (session.value.status === 'signedIn' ? session.value.profile : null))
  const method = computed(() => (session.value.status === 'signedIn' ? session.value.method : null))

  // ---- actions ----
  let started: Promise<void> | undefined
  /** Generation of the signed-in identity; late answers for an older one are dropped. */
  let generation = 0

  function applyFirebaseSession(next: FirebaseSession | null): void {
    const previousId = profile.value?.id
    session.value = next ? { status: 'signedIn', ...next } : { status: 'signedOut' }
    if (next?.profile.id !== previousId) {
      generation++
      balance.value = { status: 'idle' }
    }
  }

  /** Restores the persisted session and follows changes (also those made in other tabs). */
  function start(): Promise<void> {
    started ??= (async () => {
      const { firebase } = accountServices()
      firebase.onChange(applyFirebaseSession)
      applyFirebaseSession(await firebase.ready)
    })()
    return started
  }

  async function run<T extends { ok: boolean }>(action: AccountAction, work: () => Promise<T>): Promise<T> {
    busy.value = action
    lastError.value = null
    try {
      const result = await work()
      if (!result.ok && 'reason' in result) {
        lastError.value = { action, kind: result.reason as AccountError['kind'] }
      }
      return result
    } finally {
      busy.value = null
    }
  }

  async function afterSignIn(): Promise<void> {
    const asked = generation
    const customer = await accountServices().comfyApi.createCustomer()
    if (asked !== generation) return
    if (!customer.ok) {
      lastError.value = { action: 'customer', kind: customer.reason }
      return
    }
    await refreshBalance()
  }

  async function signInWithEmail(email: string, password: string) {
    const result = await run('signIn', () =>
      accountServices().firebase.signInWithEmail(email.trim(), password, { remember: remember.value })
    )
    if (result.ok) {
      applyFirebaseSession(result.value)
      await afterSignIn()
    }
    return result
  }

  async function createAccount(email: string, password: string) {
    const result = await run('signUp', () =>
      accountServices().firebase.createAccount(email.trim(), password, { remember: remember.value })
    )
    if (result.ok) {
      applyFirebaseSession(result.value)
      await afterSignIn()
    }
    return result
  }

  function sendPasswordReset(email: string) {
    return run('resetPassword', () => accountServices().firebase.sendPasswordReset(email.trim()))
  }

  function sendVerificationEmail() {
    return run('sendVerification', () => accountServices().firebase.sendVerificationEmail())
  }

  async function refreshProfile(): Promise<void> {
    const result = await accountServices().firebase.refreshProfile()
    if (result.ok && result.value) applyFirebaseSession(result.value)
  }

  async function refreshBalance(): Promise<void> {
    if (!isSignedIn.value) return
    const asked = generation
    balance.value = { status: 'loading' }
    const result = await accountServices().comfyApi.getBalance()
    if (asked !== generation) return
    balance.value = result.ok
      ? { status: 'loaded', balance: result.value }
      : { status: 'failed', reason: result.reason }
  }

  /** Signs out of Firebase and forgets every credential and cached account detail. */
  async function signOut(): Promise<void> {
    busy.value = 'signOut'
    try {
      await accountServices().firebase.signOut()
    } finally {
      $reset()
      session.value = { status: 'signedOut' }
    }
  }

  function $reset(): void {
    generation++
    session.value = { status: 'signedOut' }
    remember.value = true
    busy.value = null
    lastError.value = null
    balance.value = { status: 'idle' }
  }

  function clearError(): void {
    lastError.value = null
  }

  return {
    session,
    remember,
    busy,
    lastError,
    balance,
    isSignedIn,
    profile,
    method,
    start,
    signInWithEmail,
    createAccount,
    sendPasswordReset,
    sendVerificationEmail,
    refreshProfile,
    refreshBalance,
    signOut,
    clearError,
    $reset
  }
})
