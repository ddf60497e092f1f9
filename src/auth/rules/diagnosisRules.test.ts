import { describe, expect, it } from 'vitest'

import {
  apiReachFinding,
  connectionFinding,
  credentialFinding,
  creditsFinding,
  findingsOf,
  hostPageFinding,
  isEmbeddedView,
  lastRunFinding,
  maskEmail,
  openerPolicyOf,
  popupFinding,
  promptFinding,
  sessionFinding,
  tokenFinding,
  type AddressDiagnosis,
  type ApiDiagnosis,
  type DiagnosisFacts,
  type PromptDiagnosis,
  type SessionDiagnosis
} from './diagnosisRules'

const NOW = Date.UTC(2026, 10, 30, 12)
const address: AddressDiagnosis = {
  host: 'localhost',
  secureContext: true,
  insecureRemote: false,
  oauthDomain: true,
  openerPolicy: 'none',
  embedded: false
}
const account: Extract<SessionDiagnosis, { kind: 'firebase' }> = {
  kind: 'firebase',
  method: 'password',
  email: 'a•••@example.com',
  signedInAt: NOW - 3_600_000,
  tokenExpiresAt: NOW + 30 * 60_000,
  refresh: 'ok',
  hostPage: 'same'
}
const keySession: Extract<SessionDiagnosis, { kind: 'apiKey' }> = {
  kind: 'apiKey',
  maskedKey: 'comfyui-…abcd',
  storedOn: 'device',
  hostPage: null
}
const api: ApiDiagnosis = {
  origin: 'https://api.comfy.org',
  reach: 'ok',
  credential: 'accepted',
  balance: { amountMicros: 5_000_000, currency: 'usd' }
}
const prompt: PromptDiagnosis = { carried: 'firebase', lookup: 'ready', lastFailure: null }

const brief = (found: { verdict: string; case: string; todo: boolean } | null) =>
  found && `${found.verdict}:${found.case}${found.todo ? '+do' : ''}`

describe('the address', () => {
  it.for<[string, Partial<AddressDiagnosis>, string]>([
    ['localhost', {}, 'fine:secure'],
    ['plain HTTP on a LAN address', { insecureRemote: true, secureContext: false }, 'problem:plainHttp+do']
  ])('connection: %s', ([, change, expected]) => {
    expect(brief(connectionFinding({ ...address, ...change }))).toBe(expected)
  })

  it.for<[string, Partial<AddressDiagnosis>, string]>([
    ['an authorized domain without COOP', {}, 'fine:works'],
    ['COOP same-origin-allow-popups', { openerPolicy: 'allowsPopups' }, 'fine:works'],
    ['a LAN address', { oauthDomain: false, host: '192.168.1.5' }, 'problem:unauthorizedDomain+do'],
    ['COOP same-origin', { openerPolicy: 'blocksPopups' }, 'problem:openerPolicy+do'],
    ['an embedded view', { embedded: true }, 'problem:embedded+do'],
    ['a header that could not be read', { openerPolicy: 'unknown' }, 'unknown:policyUnknown+do'],
    [
      'a LAN address wins over COOP',
      { oauthDomain: false, openerPolicy: 'blocksPopups' },
      'problem:unauthorizedDomain+do'
    ]
  ])('Google/GitHub: %s', ([, change, expected]) => {
    expect(brief(popupFinding({ ...address, ...change }))).toBe(expected)
  })

  it.for<[string | null, string]>([
    [null, 'none'],
    ['', 'none'],
    ['unsafe-none', 'none'],
    ['same-origin-allow-popups', 'allowsPopups'],
    ['Same-Origin-Allow-Popups; report-to="x"', 'allowsPopups'],
    ['same-origin', 'blocksPopups'],
    ['noopener-allow-popups', 'blocksPopups']
  ])('the COOP header %j lets popups: %s', ([header, expected]) => {
    expect(openerPolicyOf(header)).toBe(expected)
  })

  it.for<[string, boolean]>([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36', false],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A; wv) AppleWebKit/537.36 Chrome/140.0 Mobile', true],
    ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 ComfyUI/0.4 Chrome/140.0 Electron/37.2.0', true]
  ])('%s is an embedded view: %s', ([agent, embedded]) => {
    expect(isEmbeddedView(agent)).toBe(embedded)
  })
})

describe('who is signed in', () => {
  it.for<[string, SessionDiagnosis, string]>([
    ['nobody', { kind: 'signedOut' }, 'problem:signedOut+do'],
    ['an account since a known time', account, 'fine:accountSince'],
    ['an account, time unknown', { ...account, signedInAt: null }, 'fine:account'],
    ['a key on this device', keySession, 'fine:keyDevice'],
    ['a key for this tab', { ...keySession, storedOn: 'tab' }, 'fine:keyTab']
  ])('%s', ([, session, expected]) => {
    expect(brief(sessionFinding(session))).toBe(expected)
  })

  it.for<[string, SessionDiagnosis, string | null]>([
    ['a key has no token', keySession, null],
    ['nobody has no token', { kind: 'signedOut' }, null],
    ['renews, 30 minutes left', account, 'fine:renewsLeft'],
    ['renews, life unknown', { ...account, tokenExpiresAt: null }, 'fine:renews'],
    ['valid, token service unreachable', { ...account, refresh: 'network' }, 'problem:validNoRenewal+do'],
    [
      'expired, token service unreachable',
      { ...account, refresh: 'network', tokenExpiresAt: NOW - 1 },
      'problem:expiredNoRenewal+do'
    ],
    ['session ended', { ...account, refresh: 'sessionExpired' }, 'problem:ended+do'],
    ['account disabled', { ...account, refresh: 'userDisabled' }, 'problem:ended+do'],
    ['another failure', { ...account, refresh: 'unknown' }, 'problem:renewalFailed+do']
  ])('token: %s', ([, session, expected]) => {
    expect(brief(tokenFinding(session, NOW))).toBe(expected)
  })

  it('gives the minutes left before the check renewed the token', () => {
    expect(tokenFinding(account, NOW)?.params.minutes).toBe(30)
    expect(tokenFinding({ ...account, refresh: 'network' }, NOW)?.params.minutes).toBe(30)
  })

  it.for<[string, SessionDiagnosis, string | null]>([
    ['signed out: nothing to compare', { kind: 'signedOut' }, null],
    ['no account page in this ComfyUI', { ...account, hostPage: null }, 'fine:none'],
    ['the same session', account, 'fine:same'],
    ['this tab only', { ...account, hostPage: 'tabOnly' }, 'fine:tabOnly'],
    ['a held key', { ...keySession, hostPage: 'keyHeld' }, 'fine:keyHeld'],
    ['another credential there', { ...account, hostPage: 'differs' }, 'problem:differs+do']
  ])('ComfyUI’s own page: %s', ([, session, expected]) => {
    expect(brief(hostPageFinding(session))).toBe(expected)
  })
})

describe('the Comfy API', () => {
  it.for<[ApiDiagnosis['reach'], string]>([
    ['ok', 'fine:ok'],
    ['timeout', 'problem:timeout+do'],
    ['server', 'problem:server+do'],
    ['cors', 'problem:cors+do'],
    ['unreachable', 'problem:unreachable+do'],
    ['offline', 'problem:offline+do']
  ])('reach %s', ([reach, expected]) => {
    expect(brief(apiReachFinding({ ...api, reach }))).toBe(expected)
  })

  it.for<[string, ApiDiagnosis['credential'], SessionDiagnosis, string | null]>([
    ['account accepted', 'accepted', account, 'fine:accountAccepted'],
    ['key accepted', 'accepted', keySession, 'fine:keyAccepted'],
    ['account rejected', 'rejected', account, 'problem:accountRejected+do'],
    ['key rejected', 'rejected', keySession, 'problem:keyRejected+do'],
    ['not checked', 'unknown', account, 'unknown:notChecked+do'],
    ['signed out', 'notSignedIn', { kind: 'signedOut' }, null]
  ])('credential: %s', ([, credential, session, expected]) => {
    expect(brief(credentialFinding({ ...api, credential }, session))).toBe(expected)
  })

  it.for<[string, ApiDiagnosis['balance'], string]>([
    ['positive', { amountMicros: 1, currency: 'usd' }, 'fine:positive'],
    ['zero', { amountMicros: 0, currency: 'usd' }, 'problem:empty+do'],
    ['below zero', { amountMicros: -250_000, currency: 'usd' }, 'problem:empty+do'],
    ['no customer yet', null, 'problem:empty+do'],
    ['not read', 'unknown', 'unknown:unknown+do']
  ])('credits: %s', ([, balance, expected]) => {
    expect(brief(creditsFinding({ ...api, balance }, account))).toBe(expected)
  })

  it('shows no credits while signed out', () => {
    expect(creditsFinding(api, { kind: 'signedOut' })).toBeNull()
  })
})

describe('prompts', () => {
  it.for<[string, Partial<PromptDiagnosis>, SessionDiagnosis, string]>([
    ['carries a token', {}, account, 'fine:carries'],
    ['carries a key', { carried: 'apiKey' }, keySession, 'fine:carries'],
    ['signed out', { carried: 'none', lookup: 'signedOut' }, { kind: 'signedOut' }, 'problem:signedOut+do'],
    ['dropped on the way', { carried: 'none' }, account, 'problem:dropped+do'],
    [
      'no credential to be had',
      { carried: 'none', lookup: 'unavailable' },
      account,
      'problem:unavailable+do'
    ],
    ['the probe got lost', { carried: 'unknown' }, account, 'unknown:unknown+do']
  ])('next prompt: %s', ([, change, session, expected]) => {
    expect(brief(promptFinding({ ...prompt, ...change }, session))).toBe(expected)
  })

  it.for<[string, PromptDiagnosis['lastFailure'], string]>([
    ['no failure', null, 'fine:noFailure'],
    ['401', { kind: 'unauthorized', at: NOW }, 'problem:unauthorized+do'],
    ['402', { kind: 'paymentRequired', at: NOW }, 'problem:paymentRequired+do'],
    ['another reason', { kind: 'other', at: NOW }, 'unknown:other+do']
  ])('last run: %s', ([, lastFailure, expected]) => {
    expect(brief(lastRunFinding({ ...prompt, lastFailure }))).toBe(expected)
  })
})

describe('findingsOf', () => {
  const facts: DiagnosisFacts = { checkedAt: NOW, address, session: account, api, prompt }

  it('lists the findings in the order a user fixes them', () => {
    expect(findingsOf(facts).map((found) => found.id)).toEqual([
      'connection',
      'popupSignIn',
      'session',
      'token',
      'hostPage',
      'apiReach',
      'credential',
      'credits',
      'prompt',
      'lastRun'
    ])
  })

  it('leaves out what has no meaning while signed out', () => {
    const signedOut = findingsOf({
      ...facts,
      session: { kind: 'signedOut' },
      api: { ...api, credential: 'notSignedIn', balance: 'unknown' }
    })
    expect(signedOut.map((found) => found.id)).toEqual([
      'connection',
      'popupSignIn',
      'session',
      'apiReach',
      'prompt',
      'lastRun'
    ])
  })
})

describe('maskEmail', () => {
  it.for<[string | null, string | null]>([
    [null, null],
    ['jane.doe@example.com', 'j•••@example.com'],
    ['ölaf@example.de', 'ö•••@example.de'],
    ['no-at-sign', '•••']
  ])('%j → %j', ([email, masked]) => {
    expect(maskEmail(email)).toBe(masked)
  })
})
