import { createAccountI18n } from './createAccountI18n'

let shared: ReturnType<typeof createAccountI18n> | undefined

/**
 * One of our strings outside a Vue app (toasts from the host integration and idle sign-out), in
 * the host's current language. One vue-i18n instance serves every call; languages load once.
 */
export async function translate(locale: unknown, key: string, values: Record<string, unknown> = {}) {
  shared ??= createAccountI18n(locale).catch((error: unknown) => {
    shared = undefined // a later call may load (the network is back)
    throw error
  })
  const { i18n, setLocale } = await shared
  await setLocale(locale)
  return i18n.global.t(key, values)
}
