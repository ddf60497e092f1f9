import type { SupportedLocale } from './resolveLocale'

export type Messages = Record<string, unknown>

// One lazily loaded chunk per language: only the languages in use are ever downloaded.
const loaders = import.meta.glob<Messages>('../../../locales/*/account.json', { import: 'default' })

/**
 * Our UI's strings in one language (locales/<lang>/account.json). Calling it early only starts the
 * download: the module system keeps the result for the next call.
 */
export async function loadAccountMessages(locale: SupportedLocale): Promise<Messages> {
  const load = loaders[`../../../locales/${locale}/account.json`]
  return load ? await load() : {}
}
