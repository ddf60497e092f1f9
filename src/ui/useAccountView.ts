/**
 * The view-model of the account section: everything the components show, already labelled,
 * formatted and translated. Components stay thin and only render this and emit intents.
 */
import { storeToRefs } from 'pinia'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

import type { AccountError } from '@/store/accountStore'
import { useAccountStore } from '@/store/accountStore'
import type { SignInMethod } from '@/types/session'

import { formatBalance } from './status/formatBalance'

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
  const store = useAccountStore()
  const { session, profile, method, balance, busy, lastError } = storeToRefs(store)
  const { t, locale } = useI18n()

  const methodLabel = computed(() =>
    method.value ? t(`comfyAccount.method.${method.value satisfies SignInMethod}`) : ''
  )
  const displayName = computed(() => profile.value?.displayName || profile.value?.email || '')
  const initials = computed(() =>
    initialsOf(profile.value?.displayName ?? null, profile.value?.email ?? null)
  )

  const credits = computed(() => {
    const state = balance.value
    if (state.status === 'loaded') {
      return state.balance
        ? formatBalance(state.balance.amountMicros, state.balance.currency, locale.value)
        : t('comfyAccount.status.noCredits')
    }
    if (state.status === 'failed') return t('comfyAccount.status.creditsUnavailable')
    return t('comfyAccount.status.creditsLoading')
  })

  /** "Google or GitHub", in the UI language. */
  function methodList(methods: readonly SignInMethod[]): string {
    const labels = methods.map((m) => t(`comfyAccount.method.${m}`))
    return new Intl.ListFormat(locale.value, { type: 'disjunction' }).format(labels)
  }

  function errorMessage(error: AccountError | null): string {
    if (!error) return ''
    if (error.kind === 'accountExistsWithDifferentCredential' && error.existingMethods?.length) {
      return t('comfyAccount.errors.accountExistsWith', { methods: methodList(error.existingMethods) })
    }
    return t(`comfyAccount.errors.${error.kind}`)
  }

  return {
    store,
    session,
    profile,
    busy,
    lastError,
    methodLabel,
    displayName,
    initials,
    credits,
    errorMessage
  }
}
