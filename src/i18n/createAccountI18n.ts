import { createI18n } from 'vue-i18n'

import { resolveLocale, type SupportedLocale } from './resolveLocale'

type Messages = Record<string, unknown>

// One lazily loaded chunk per language: only the languages in use are ever downloaded.
const loaders = import.meta.glob<Messages>('../../locales/*/main.json', { import: 'default' })

async function loadMessages(locale: SupportedLocale): Promise<Messages> {
  const load = loaders[`../../locales/${locale}/main.json`]
  return load ? await load() : {}
}

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
  i18n.global.setLocaleMessage('en', await loadMessages('en'))

  async function setLocale(next: unknown): Promise<void> {
    const resolved = resolveLocale(next)
    if (!i18n.global.availableLocales.includes(resolved)) {
      i18n.global.setLocaleMessage(resolved, await loadMessages(resolved))
    }
    i18n.global.locale.value = resolved
  }

  await setLocale(locale)
  return { i18n, setLocale }
}
