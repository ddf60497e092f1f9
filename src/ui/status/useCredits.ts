import { useEventListener, useIntersectionObserver, useNow } from '@vueuse/core'
import { storeToRefs } from 'pinia'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'

import { cannotPay, creditsStanding } from '@/auth/rules/creditsRules'

import { useViewStore } from '../useAccountView'

/** How long ago `at` was, in the UI language ("now", "3 minutes ago", "yesterday"). */
export function timeAgo(at: number, now: number, locale: string): string {
  const seconds = Math.round((at - now) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (seconds > -45) return format.format(0, 'second')
  const units = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86_400]
  ] as const
  let shown: [number, Intl.RelativeTimeFormatUnit] = [Math.round(seconds / 60), 'minute']
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) shown = [Math.round(seconds / size), unit]
  return format.format(...shown)
}

/**
 * The balance at a glance, for the status card and our dialogs: how old it is, what it means
 * (low, none, below zero, unreadable), and reading it again when it comes into view. The amount
 * itself is the view-model's `credits`.
 */
export function useCredits() {
  const store = useViewStore()
  const { balance, knownBalance } = storeToRefs(store)
  const { t, locale } = useI18n()
  // Ticks so that "updated 1 minute ago" moves on while the card is open.
  const now = useNow({ interval: 15_000 })

  const standing = computed(() => creditsStanding(knownBalance.value))
  /** Partner nodes cannot be paid for by the balance last read. */
  const exhausted = computed(() => cannotPay(standing.value))
  const updated = computed(() => {
    const known = knownBalance.value
    if (!known) return ''
    const when = timeAgo(known.at, Math.max(now.value.getTime(), known.at), locale.value)
    return t('comfyAccount.credits.updated', { when })
  })
  /** What the balance means, or why there is none; '' when there is nothing to say. */
  const note = computed(() => {
    const state = balance.value
    if (state.status === 'failed') {
      if (state.reason === 'malformed') return t('comfyAccount.credits.unreadable')
      if (knownBalance.value) return t('comfyAccount.credits.refreshFailed')
    }
    switch (standing.value) {
      case 'negative':
        return t('comfyAccount.credits.negative')
      case 'empty':
        return t('comfyAccount.credits.empty')
      case 'low':
        return t('comfyAccount.credits.low')
      default:
        return ''
    }
  })

  /** At most once a minute (the store decides); its failures show on the card, bugs in the console. */
  function glance(): void {
    store.refreshBalanceAtGlance().catch((error: unknown) => console.error('[ComfyUI-Account]', error))
  }

  /**
   * Reads the balance again when `target` comes into view (the settings dialog opening on our
   * section, which the host does not announce) and when the tab comes back to the front.
   */
  function refreshWhenSeen(target: Ref<HTMLElement | null>): void {
    useIntersectionObserver(target, ([entry]) => {
      if (entry?.isIntersecting) glance()
    })
    useEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') glance()
    })
  }

  /** The note warns (rather than informs) when runs would fail, or the balance is not what it seems. */
  const noteWarns = computed(() => exhausted.value || balance.value.status === 'failed')

  return {
    standing,
    exhausted,
    noteWarns,
    updated,
    note,
    refreshWhenSeen
  }
}
