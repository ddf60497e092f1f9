/**
 * Every failure a user can meet, classified once at the edge. Each kind has a localized message
 * under `comfyAccount.errors.<kind>` in locales/<lang>/account.json.
 */
export const authErrorKinds = [
  'invalidCredentials',
  'invalidEmail',
  'userDisabled',
  'sessionExpired',
  'emailInUse',
  'weakPassword',
  'tooManyRequests',
  'network',
  'popupClosed',
  'popupBlocked',
  'unauthorizedDomain',
  'accountExistsWithDifferentCredential',
  'requiresRecentLogin',
  'operationNotAllowed',
  'storageUnavailable',
  'signOutIncomplete',
  'unknown'
] as const

export type AuthErrorKind = (typeof authErrorKinds)[number]

export const apiErrorKinds = [
  'unauthorized',
  'paymentRequired',
  'notFound',
  'network',
  'timeout',
  'server',
  'malformed'
] as const

export type ApiErrorKind = (typeof apiErrorKinds)[number]

/** Why an API key was not accepted: the key is bad, or we could not find out. */
export type ApiKeyErrorKind = 'keyRejected' | 'keyCheckUnavailable' | 'storageUnavailable'

/** Expected failures are values, not exceptions. */
export type Result<T, K extends string> = { ok: true; value: T } | { ok: false; reason: K }

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const fail = <K extends string>(reason: K): { ok: false; reason: K } => ({ ok: false, reason })
