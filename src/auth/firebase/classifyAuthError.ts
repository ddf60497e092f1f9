import type { AuthErrorKind } from '@/types/errors'

/** Firebase error codes (docs/host-contract.md, "Firebase") to the kinds our messages are written for. */
const kindByCode = {
  'auth/invalid-credential': 'invalidCredentials',
  'auth/invalid-login-credentials': 'invalidCredentials',
  // The emulator (and projects without email-enumeration protection) still tell these apart;
  // we do not, so the form never reveals whether an address has an account.
  'auth/wrong-password': 'invalidCredentials',
  'auth/user-not-found': 'invalidCredentials',
  'auth/invalid-email': 'invalidEmail',
  'auth/missing-email': 'invalidEmail',
  'auth/user-disabled': 'userDisabled',
  // The session was revoked (password changed elsewhere, account deleted) or has run out.
  'auth/user-token-expired': 'sessionExpired',
  'auth/invalid-user-token': 'sessionExpired',
  'auth/user-mismatch': 'sessionExpired',
  'auth/email-already-in-use': 'emailInUse',
  'auth/weak-password': 'weakPassword',
  'auth/missing-password': 'weakPassword',
  'auth/too-many-requests': 'tooManyRequests',
  'auth/network-request-failed': 'network',
  'auth/timeout': 'network',
  'auth/popup-closed-by-user': 'popupClosed',
  'auth/cancelled-popup-request': 'popupClosed',
  'auth/user-cancelled': 'popupClosed',
  'auth/popup-blocked': 'popupBlocked',
  'auth/unauthorized-domain': 'unauthorizedDomain',
  'auth/account-exists-with-different-credential': 'accountExistsWithDifferentCredential',
  'auth/requires-recent-login': 'requiresRecentLogin',
  'auth/operation-not-allowed': 'operationNotAllowed',
  'auth/web-storage-unsupported': 'storageUnavailable'
} as const satisfies Record<string, AuthErrorKind>

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

export function classifyAuthError(error: unknown): AuthErrorKind {
  const code = errorCode(error)
  if (code !== undefined && Object.hasOwn(kindByCode, code)) {
    return kindByCode[code as keyof typeof kindByCode]
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'storageUnavailable'
  return 'unknown'
}
