/**
 * The few strings the start-up file needs before our UI code is loaded (and if it can never
 * load). They come from `comfyAccount.boot` in every locales/<lang>/account.json, extracted at build
 * time by vite.config.ts so the start-up file stays small.
 */
import messages from 'virtual:comfy-account-boot-messages'

import { resolveLocale } from '@/i18n/startup/resolveLocale'

export type BootMessageKey =
  'loading' | 'loadFailedSummary' | 'loadFailedDetail' | 'sectionLoadFailed' | 'retry'

export function bootMessage(key: BootMessageKey, locale: unknown): string {
  return messages[resolveLocale(locale)]?.[key] ?? messages.en?.[key] ?? key
}
