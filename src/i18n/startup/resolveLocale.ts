/** Every language ComfyUI offers (docs/host-contract.md, "Loading"); each has a folder in locales/. */
export const supportedLocales = [
  'en',
  'zh',
  'zh-TW',
  'ja',
  'ko',
  'ru',
  'fr',
  'es',
  'ar',
  'tr',
  'pt-BR',
  'fa',
  'he',
  'it'
] as const

export type SupportedLocale = (typeof supportedLocales)[number]

const rightToLeft: ReadonlySet<string> = new Set(['ar', 'fa', 'he'])

/** Full tag, then base language, then English: `pt-BR` → `pt-BR`, `fr-CA` → `fr`, `xx` → `en`. */
export function resolveLocale(tag: unknown): SupportedLocale {
  if (typeof tag !== 'string') return 'en'
  const wanted = tag.trim().replace('_', '-').toLowerCase()
  const exact = supportedLocales.find((l) => l.toLowerCase() === wanted)
  if (exact) return exact
  const base = wanted.split('-')[0]
  return supportedLocales.find((l) => l.toLowerCase() === base) ?? 'en'
}

export function textDirection(locale: SupportedLocale): 'rtl' | 'ltr' {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr'
}
