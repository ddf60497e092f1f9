import { describe, expect, it } from 'vitest'

import { classifyAuthError } from './classifyAuthError'

describe('classifyAuthError', () => {
  it.for([
    ['auth/invalid-credential', 'invalidCredentials'],
    ['auth/wrong-password', 'invalidCredentials'],
    ['auth/user-not-found', 'invalidCredentials'],
    ['auth/invalid-email', 'invalidEmail'],
    ['auth/user-disabled', 'userDisabled'],
    ['auth/email-already-in-use', 'emailInUse'],
    ['auth/weak-password', 'weakPassword'],
    ['auth/too-many-requests', 'tooManyRequests'],
    ['auth/network-request-failed', 'network'],
    ['auth/popup-closed-by-user', 'popupClosed'],
    ['auth/cancelled-popup-request', 'popupClosed'],
    ['auth/popup-blocked', 'popupBlocked'],
    ['auth/unauthorized-domain', 'unauthorizedDomain'],
    ['auth/account-exists-with-different-credential', 'accountExistsWithDifferentCredential'],
    ['auth/requires-recent-login', 'requiresRecentLogin'],
    ['auth/operation-not-allowed', 'operationNotAllowed']
  ] as const)('maps %s to %s', ([code, kind]) => {
    expect(classifyAuthError({ code, message: 'Firebase: raw SDK text' })).toBe(kind)
  })

  it.for([
    { code: 'auth/something-new' },
    new Error('boom'),
    'a string',
    null,
    { code: 42 },
    { code: 'toString' }
  ])('treats %o as unknown', (error) => {
    expect(classifyAuthError(error)).toBe('unknown')
  })
})
