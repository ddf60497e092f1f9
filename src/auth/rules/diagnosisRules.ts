/**
 * "Why won't my partner node run?": what the setup check found, turned into findings a user can
 * read. Pure: the facts are gathered elsewhere (src/auth/diagnostics/gatherDiagnosis.ts), the words
 * live in locales/<lang>/account.json under `comfyAccount.diagnostics.<finding>.<case>`.
 */
import type { AuthErrorKind } from '@/types/errors'
import type { PartnerNodeFailureRecord, PromptProbe } from '@/types/hostBridge'
import type { SignInMethod } from '@/types/session'

export type Verdict = 'fine' | 'problem' | 'unknown'

/** What the page's `Cross-Origin-Opener-Policy` header does to a sign-in popup. */
export type OpenerPolicy = 'none' | 'allowsPopups' | 'blocksPopups' | 'unknown'

/** How the Comfy API answered an anonymous request, as far as a browser can tell. */
export type ApiReach = 'ok' | 'timeout' | 'server' | 'cors' | 'unreachable' | 'offline'

export interface AddressDiagnosis {
  host: string
  /** https, or this computer (browsers treat localhost as secure). */
  secureContext: boolean
  /** Plain HTTP to another machine. */
  insecureRemote: boolean
  /** Comfy's Firebase project lets Google/GitHub popups open here. */
  oauthDomain: boolean
  openerPolicy: OpenerPolicy
  /** An app's built-in browser view, where popups rarely work. */
  embedded: boolean
}

export type SessionDiagnosis =
  | { kind: 'signedOut' }
  | {
      kind: 'firebase'
      method: Exclude<SignInMethod, 'apiKey'>
      /** Already masked. */
      email: string | null
      signedInAt: number | null
      tokenExpiresAt: number | null
      /** A forced token refresh, just now. */
      refresh: 'ok' | AuthErrorKind
      /** What ComfyUI's own account page shows: `null` when the host has none. */
      hostPage: 'same' | 'tabOnly' | 'differs' | null
    }
  | {
      kind: 'apiKey'
      maskedKey: string
      storedOn: 'device' | 'tab'
      hostPage: 'same' | 'tabOnly' | 'keyHeld' | 'differs' | null
    }

export interface ApiDiagnosis {
  origin: string
  reach: ApiReach
  /** A real check as at sign-in; `unknown` when it could not be made or answered nothing definite. */
  credential: 'accepted' | 'rejected' | 'unknown' | 'notSignedIn'
  /** `null`: no customer yet, so nothing to spend; `unknown`: not read. */
  balance: { amountMicros: number; currency: string } | null | 'unknown'
}

/** Which credential field a probe prompt carried at the network, our own lookup, the last failure. */
export interface PromptDiagnosis extends PromptProbe {
  lastFailure: PartnerNodeFailureRecord | null
}

export interface DiagnosisFacts {
  checkedAt: number
  address: AddressDiagnosis
  session: SessionDiagnosis
  api: ApiDiagnosis
  prompt: PromptDiagnosis
}

export type FindingId =
  | 'connection'
  | 'popupSignIn'
  | 'session'
  | 'token'
  | 'hostPage'
  | 'apiReach'
  | 'credential'
  | 'credits'
  | 'prompt'
  | 'lastRun'

/** Values a finding's sentence needs; formatted (dates, money) by the view. */
export interface FindingParams {
  host?: string
  method?: SignInMethod
  email?: string
  since?: number
  minutes?: number
  key?: string
  origin?: string
  amount?: { amountMicros: number; currency: string }
  at?: number
}

export interface Finding {
  id: FindingId
  verdict: Verdict
  /** `comfyAccount.diagnostics.<id>.<case>` is the sentence, `<case>Do` the one thing to do. */
  case: string
  /** Whether there is something to do (`<case>Do`). */
  todo: boolean
  params: FindingParams
}

const finding = (
  id: FindingId,
  verdict: Verdict,
  which: string,
  params: FindingParams = {},
  todo = verdict !== 'fine'
): Finding => ({ id, verdict, case: which, todo, params })

export function connectionFinding({ insecureRemote }: AddressDiagnosis): Finding {
  return insecureRemote
    ? finding('connection', 'problem', 'plainHttp')
    : finding('connection', 'fine', 'secure')
}

/** Google/GitHub open a popup: it needs an authorized domain, an opener and a real browser. */
export function popupFinding(address: AddressDiagnosis): Finding {
  const host = { host: address.host }
  if (!address.oauthDomain) return finding('popupSignIn', 'problem', 'unauthorizedDomain', host)
  if (address.openerPolicy === 'blocksPopups') return finding('popupSignIn', 'problem', 'openerPolicy')
  if (address.embedded) return finding('popupSignIn', 'problem', 'embedded')
  if (address.openerPolicy === 'unknown') return finding('popupSignIn', 'unknown', 'policyUnknown')
  return finding('popupSignIn', 'fine', 'works')
}

export function sessionFinding(session: SessionDiagnosis): Finding {
  if (session.kind === 'signedOut') return finding('session', 'problem', 'signedOut')
  if (session.kind === 'apiKey') {
    return finding('session', 'fine', session.storedOn === 'device' ? 'keyDevice' : 'keyTab', {
      key: session.maskedKey
    })
  }
  const params: FindingParams = { method: session.method, email: session.email ?? '' }
  if (session.signedInAt !== null) params.since = session.signedInAt
  return finding('session', 'fine', session.signedInAt === null ? 'account' : 'accountSince', params)
}

/** Whether the hour-long ID token can be renewed right now: a long queue needs that. */
export function tokenFinding(session: SessionDiagnosis, now: number): Finding | null {
  if (session.kind !== 'firebase') return null
  const left = session.tokenExpiresAt === null ? null : Math.floor((session.tokenExpiresAt - now) / 60_000)
  if (session.refresh === 'ok') {
    return left === null
      ? finding('token', 'fine', 'renews')
      : finding('token', 'fine', 'renewsLeft', { minutes: Math.max(left, 0) })
  }
  if (session.refresh === 'sessionExpired' || session.refresh === 'userDisabled') {
    return finding('token', 'problem', 'ended')
  }
  // The token service cannot be reached: the token lives as long as it has left.
  if (session.refresh !== 'network' && session.refresh !== 'tooManyRequests') {
    return finding('token', 'problem', 'renewalFailed')
  }
  return left !== null && left > 0
    ? finding('token', 'problem', 'validNoRenewal', { minutes: left })
    : finding('token', 'problem', 'expiredNoRenewal')
}

export function hostPageFinding(session: SessionDiagnosis): Finding | null {
  if (session.kind === 'signedOut') return null
  if (session.hostPage === null) return finding('hostPage', 'fine', 'none')
  // ComfyUI puts its own credential on prompts first: one that is not ours is somebody else's.
  if (session.hostPage === 'differs') return finding('hostPage', 'problem', 'differs')
  return finding('hostPage', 'fine', session.hostPage)
}

export function apiReachFinding({ reach, origin }: ApiDiagnosis): Finding {
  return finding('apiReach', reach === 'ok' ? 'fine' : 'problem', reach, { origin })
}

export function credentialFinding(api: ApiDiagnosis, session: SessionDiagnosis): Finding | null {
  if (session.kind === 'signedOut' || api.credential === 'notSignedIn') return null
  const what = session.kind === 'apiKey' ? 'key' : 'account'
  if (api.credential === 'accepted') return finding('credential', 'fine', `${what}Accepted`)
  if (api.credential === 'rejected') return finding('credential', 'problem', `${what}Rejected`)
  return finding('credential', 'unknown', 'notChecked')
}

/** Zero or below is a problem: partner nodes then fail with "Payment Required". */
export function creditsFinding(api: ApiDiagnosis, session: SessionDiagnosis): Finding | null {
  if (session.kind === 'signedOut') return null
  const { balance } = api
  if (balance === 'unknown') return finding('credits', 'unknown', 'unknown')
  // No customer record yet is no credits yet.
  const amount = balance ?? { amountMicros: 0, currency: 'usd' }
  return amount.amountMicros > 0
    ? finding('credits', 'fine', 'positive', { amount })
    : finding('credits', 'problem', 'empty', { amount })
}

export function promptFinding(prompt: PromptDiagnosis, session: SessionDiagnosis): Finding {
  if (session.kind === 'signedOut') return finding('prompt', 'problem', 'signedOut')
  if (prompt.carried === 'unknown') return finding('prompt', 'unknown', 'unknown')
  if (prompt.carried !== 'none') return finding('prompt', 'fine', 'carries')
  // It reached the network without a credential: ours was not ready, or someone removed it.
  return prompt.lookup === 'ready'
    ? finding('prompt', 'problem', 'dropped')
    : finding('prompt', 'problem', 'unavailable')
}

export function lastRunFinding({ lastFailure }: PromptDiagnosis): Finding {
  if (!lastFailure) return finding('lastRun', 'fine', 'noFailure')
  const at = { at: lastFailure.at }
  return lastFailure.kind === 'other'
    ? finding('lastRun', 'unknown', 'other', at)
    : finding('lastRun', 'problem', lastFailure.kind, at)
}

/** Every finding, in the order a user would fix them: the address, the sign-in, the API, prompts. */
export function findingsOf(facts: DiagnosisFacts): Finding[] {
  const { address, session, api, prompt, checkedAt } = facts
  return [
    connectionFinding(address),
    popupFinding(address),
    sessionFinding(session),
    tokenFinding(session, checkedAt),
    hostPageFinding(session),
    apiReachFinding(api),
    credentialFinding(api, session),
    creditsFinding(api, session),
    promptFinding(prompt, session),
    lastRunFinding(prompt)
  ].filter((found): found is Finding => found !== null)
}

/** `jane.doe@example.com` → `j•••@example.com`: enough to recognise, not to copy. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null
  const at = email.lastIndexOf('@')
  if (at <= 0) return '•••'
  return `${Array.from(email)[0] ?? ''}•••${email.slice(at)}`
}

/** `Cross-Origin-Opener-Policy` as the popup sees it (Firebase's popup needs its opener). */
export function openerPolicyOf(header: string | null | undefined): Exclude<OpenerPolicy, 'unknown'> {
  const value = (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? ''
  if (value === '' || value === 'unsafe-none') return 'none'
  if (value === 'same-origin-allow-popups') return 'allowsPopups'
  return 'blocksPopups'
}

/** Android's WebView and Electron apps: the embedded views where sign-in popups rarely open. */
export function isEmbeddedView(userAgent: string): boolean {
  return /; wv\)/u.test(userAgent) || /\bElectron\//u.test(userAgent)
}
