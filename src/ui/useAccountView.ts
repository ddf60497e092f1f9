/**
 * The view-model of the account section: everything the components show, already labelled,
 * formatted and translated, and the intents they may send. Components stay thin: they render this
 * (and its companions useSignInDraft, useSignInForm, useEmailVerification) and never see the store.
 */
import { storeToRefs } from 'pinia'
import { computed, inject, type InjectionKey } from 'vue'
import { useI18n } from 'vue-i18n'

import { resolveLocale, textDirection } from '@/i18n/startup/resolveLocale'
import type { AccountAction, AccountError, AccountStore } from '@/store/accountStore'
import type { SignInMethod } from '@/types/session'

import type { IconName } from './icons/iconPaths'
import { formatBalance } from './status/formatBalance'
import { useHost } from './useHost'

/** What an error is about: a store action, or the customer record created after a sign-in. */
export type ErrorSource = AccountError['action']

/** An error as the UI shows it: its kind (to mark a field or pick a label) and its message. */
export interface ShownError {
  kind: AccountError['kind']
  /** In the UI language; never the SDK's text. */
  message: string
}

export interface SignOutOptions {
  /**
   * Confirm a finished log out with a toast (a log out that could not finish is shown on the card
   * instead, whatever this says).
   * @default true
   */
  announce?: boolean
}

/** How mountAccountSection and showAccountDialog hand the store to the view-model. */
export const accountStoreKey: InjectionKey<AccountStore> = Symbol('comfyAccountStore')

/**
 * The store the section works on: the one place src/ui obtains it. useAccountView and its
 * companion composables call this; components never do.
 */
export function useViewStore(): AccountStore {
  const store = inject(accountStoreKey)
  if (!store) throw new Error('ComfyUI-Account: no account store. Did you mount with mountAccountSection()?')
  return store
}

export function initialsOf(name: string | null, email: string | null): string {
  const source = (name?.trim() || email?.split('@')[0] || '?').trim()
  const words = source.split(/[\s._-]+/u).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[1]] : [source]
  return letters
    .map((w) => Array.from(w ?? '')[0] ?? '')
    .join('')
    .toLocaleUpperCase()
}

export function useAccountView() {
  const store = useViewStore()
  const {
    session,
    isSignedIn: signedIn,
    profile,
    method,
    maskedKey,
    keyShadowed,
    hiddenFromHost,
    keyRejectedNotice,
    balance,
    knownBalance,
    busy,
    lastError
  } = storeToRefs(store)
  const { t, locale } = useI18n()
  const host = useHost()

  const restoring = computed(() => session.value.status === 'restoring')
  /** The writing direction of the UI language, for the section's root. */
  const dir = computed(() => textDirection(resolveLocale(locale.value)))

  const methodLabel = computed(() =>
    method.value ? t(`comfyAccount.method.${method.value satisfies SignInMethod}`) : ''
  )
  const methodIcon = computed<IconName>(() =>
    method.value === 'google' || method.value === 'github'
      ? method.value
      : method.value === 'apiKey'
        ? 'key'
        : 'mail'
  )
  /** The account's name, else its address, else (a key without a customer record) "Comfy API key". */
  const displayName = computed(
    () => profile.value?.displayName || profile.value?.email || t('comfyAccount.status.apiKeyUser')
  )
  /** The address under the name, unless the name already is the address. */
  const secondaryEmail = computed(() => {
    const email = profile.value?.email
    return email && email !== displayName.value ? email : null
  })
  const initials = computed(() =>
    initialsOf(profile.value?.displayName ?? null, profile.value?.email ?? null)
  )
  /** A key whose customer record has no name or email yet: a key icon says more than "?". */
  const anonymousKey = computed(
    () => method.value === 'apiKey' && !profile.value?.displayName && !profile.value?.email
  )

  /** The last balance read, also while a new read is under way or after one failed (the card says how old). */
  const credits = computed(() => {
    const known = knownBalance.value
    if (known) {
      return known.balance
        ? formatBalance(known.balance.amountMicros, known.balance.currency, locale.value)
        : t('comfyAccount.status.noCredits')
    }
    if (balance.value.status === 'failed') return t('comfyAccount.status.creditsUnavailable')
    return t('comfyAccount.status.creditsLoading')
  })
  const creditsLoading = computed(() => balance.value.status === 'loading')

  /** Where the Comfy platform lets users manage their account, their keys and their credits. */
  const platformLinks = {
    account: store.platformUrl,
    keys: `${store.platformUrl}/login`,
    credits: `${store.platformUrl}/credits`
  } as const

  /** Whether `action` is running; without one, whether any action is (buttons then wait). */
  function isBusy(action?: AccountAction): boolean {
    return action === undefined ? busy.value !== null : busy.value === action
  }

  /** The last error, when it came from `source` (or one of several), as the UI shows it. */
  function errorFor(source: ErrorSource | readonly ErrorSource[]): ShownError | null {
    const error = lastError.value
    const sources: readonly ErrorSource[] = typeof source === 'string' ? [source] : source
    if (!error || !sources.includes(error.action)) return null
    return { kind: error.kind, message: errorMessage(error) }
  }

  /** "Google or GitHub", in the UI language. */
  function methodList(methods: readonly SignInMethod[]): string {
    const labels = methods.map((m) => t(`comfyAccount.method.${m}`))
    return new Intl.ListFormat(locale.value, { type: 'disjunction' }).format(labels)
  }

  function errorMessage(error: AccountError): string {
    if (error.kind === 'accountExistsWithDifferentCredential' && error.existingMethods?.length) {
      return t('comfyAccount.errors.accountExistsWith', { methods: methodList(error.existingMethods) })
    }
    return t(`comfyAccount.errors.${error.kind}`)
  }

  async function signOut({ announce = true }: SignOutOptions = {}): Promise<void> {
    await store.signOut()
    if (!announce || store.isSignedIn) return // the log out could not finish; the card says so
    host.toast({ severity: 'info', summary: t('comfyAccount.status.signedOut'), life: 3000 })
  }

  return {
    restoring,
    signedIn,
    dir,
    profile,
    method,
    methodLabel,
    methodIcon,
    displayName,
    secondaryEmail,
    initials,
    anonymousKey,
    maskedKey,
    keyShadowed,
    hiddenFromHost,
    keyRejectedNotice,
    credits,
    creditsLoading,
    platformLinks,
    isBusy,
    errorFor,
    signInWithEmail: store.signInWithEmail,
    createAccount: store.createAccount,
    sendPasswordReset: store.sendPasswordReset,
    signInWithProvider: store.signInWithProvider,
    signInWithApiKey: store.signInWithApiKey,
    clearError: store.clearError,
    loadBalanceIfNeeded: store.loadBalanceIfNeeded,
    refreshBalance: store.refreshBalance,
    signOut
  }
}
