import { createI18n } from 'vue-i18n'

import { loadAccountMessages } from './startup/accountMessages'
import { resolveLocale } from './startup/resolveLocale'

export async function createAccountI18n(tag: unknown) {
  const locale = resolveLocale(tag)
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    missingWarn: false,
    fallbackWarn: false,
    messages: {}
  })
  i18n.global.setLocaleMessage('en', await loadAccountMessages('en'))

  async function setLocale(next: unknown): Promise<void> {
    const resolved = resolveLocale(next)
    if (!i18n.global.availableLocales.includes(resolved)) {
      i18n.global.setLocaleMessage(resolved, await loadAccountMessages(resolved))
    }
    i18n.global.locale.value = resolved
  }

  await setLocale(locale)
  return { i18n, setLocale }
}
