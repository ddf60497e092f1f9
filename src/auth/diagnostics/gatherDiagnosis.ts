/**
 * Gathers the facts of the setup check ("Why won't my partner node run?"): the address, who is
 * signed in, what the Comfy API says, and what the next prompt would carry. No Vue; every probe
 * is bounded, and a probe that cannot answer says "unknown" rather than guess.
 *
 * Credentials go only to the Comfy API, through its client (whose interceptor attaches them to
 * that origin only). The anonymous probes (the page's own URL, the API's reachability) carry none.
 * What comes back holds no secret: the email and key are masked here.
 */
import { maskApiKey } from '@/auth/apiKey/apiKeyFormat'
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import type { ComfyApi } from '@/auth/comfyApi/comfyApiClient'
import type { FirebaseAuthClient, FirebaseSession, SessionFacts } from '@/auth/firebase/firebaseAuthClient'
import { API_KEY_STORAGE_KEY } from '@/auth/startup/storageNames'
import { addressFacts } from '@/auth/rules/addressFacts'
import {
  isEmbeddedView,
  maskEmail,
  openerPolicyOf,
  type AddressDiagnosis,
  type ApiDiagnosis,
  type ApiReach,
  type DiagnosisFacts,
  type OpenerPolicy,
  type PromptDiagnosis,
  type SessionDiagnosis
} from '@/auth/rules/diagnosisRules'
import { hiddenFromHost } from '@/auth/rules/sessionRules'
import type { AuthErrorKind } from '@/types/errors'
import type { HostDiagnostics } from '@/types/hostBridge'

export interface DiagnosisBrowser {
  location: Pick<Location, 'href' | 'hostname' | 'protocol'>
  isSecureContext: boolean
  userAgent: string
  onLine: boolean
  /** Where ComfyUI's own page keeps a key. */
  storage: () => Pick<Storage, 'getItem'>
  fetch: typeof fetch
  now: () => number
}

export interface GatherDiagnosisOptions {
  browser: DiagnosisBrowser
  comfyApiBaseUrl: string
  firebase: Pick<FirebaseAuthClient, 'getIdToken' | 'sessionFacts'>
  comfyApi: Pick<ComfyApi, 'createCustomer' | 'verifyApiKey' | 'getBalance'>
  /** Who the store says is signed in. */
  signedIn: { firebase: FirebaseSession | null; key: StoredApiKey | null; hostHasAccountPage: boolean }
  /** What only the host layer can see (the prompt path, ComfyUI's failures); absent in tests of the UI alone. */
  host?: HostDiagnostics
  /**
   * How long an anonymous probe may take.
   * @default 8000
   */
  timeoutMs?: number
}

/** This page's browser. */
export function pageBrowser(): DiagnosisBrowser {
  return {
    location: window.location,
    isSecureContext: window.isSecureContext,
    userAgent: navigator.userAgent,
    onLine: navigator.onLine,
    storage: () => localStorage,
    // Looked up at call time: the prompt probe wraps it for a moment.
    fetch: (input, init) => fetch(input, init),
    now: Date.now
  }
}

const TIMED_OUT = Symbol('timed out')
const NO_FACTS: SessionFacts = { signedInAt: null, tokenExpiresAt: null, sharedUserId: undefined }

/** A request that gets `timeoutMs` to answer, and is cancelled when it does not. */
async function within<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number
): Promise<T | typeof TIMED_OUT> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, TIMED_OUT)
  })
  try {
    const answer = await Promise.race([work(controller.signal), deadline])
    if (answer === TIMED_OUT) controller.abort()
    return answer
  } finally {
    clearTimeout(timer)
  }
}

/** Reads the page's own `Cross-Origin-Opener-Policy` with a HEAD request to its address. */
async function openerPolicy(browser: DiagnosisBrowser, timeoutMs: number): Promise<OpenerPolicy> {
  try {
    const answer = await within(
      (signal) =>
        browser.fetch(browser.location.href, {
          method: 'HEAD',
          cache: 'no-store',
          credentials: 'same-origin',
          signal
        }),
      timeoutMs
    )
    if (answer === TIMED_OUT || !answer.ok) return 'unknown'
    return openerPolicyOf(answer.headers.get('Cross-Origin-Opener-Policy'))
  } catch {
    return 'unknown'
  }
}

async function diagnoseAddress(browser: DiagnosisBrowser, timeoutMs: number): Promise<AddressDiagnosis> {
  const facts = addressFacts(browser.location)
  return {
    host: browser.location.hostname,
    secureContext: browser.isSecureContext,
    insecureRemote: facts.insecureRemote,
    oauthDomain: facts.oauthAvailable,
    openerPolicy: facts.oauthAvailable ? await openerPolicy(browser, timeoutMs) : 'none',
    embedded: isEmbeddedView(browser.userAgent)
  }
}

/**
 * An anonymous request to an endpoint the API answers with CORS headers (401 without a
 * credential). A browser hides why a request failed; a second, opaque (`no-cors`) request tells
 * "the server answers but not to this page" (CORS, usually a proxy) from "nothing answers" (no
 * network, DNS, TLS, a firewall: the browser does not say which).
 */
async function reachOf(browser: DiagnosisBrowser, baseUrl: string, timeoutMs: number): Promise<ApiReach> {
  // Joined as the Comfy API client joins its paths to the base.
  const url = `${baseUrl.replace(/\/+$/u, '')}/customers/balance`
  const request = (mode: RequestMode) =>
    within(
      (signal) => browser.fetch(url, { mode, credentials: 'omit', cache: 'no-store', signal }),
      timeoutMs
    )
  try {
    const answer = await request('cors')
    if (answer === TIMED_OUT) return 'timeout'
    return answer.status >= 500 ? 'server' : 'ok'
  } catch {
    if (!browser.onLine) return 'offline'
  }
  try {
    return (await request('no-cors')) === TIMED_OUT ? 'timeout' : 'cors'
  } catch {
    return 'unreachable'
  }
}

/** The key ComfyUI's own page holds (docs/host-contract.md, "The Comfy API key"). */
function hostKey(browser: DiagnosisBrowser): string | null {
  try {
    return browser.storage().getItem(API_KEY_STORAGE_KEY)
  } catch {
    return null
  }
}

/**
 * What ComfyUI's own account page shows, read where it reads it rather than assumed: a session
 * for this tab only (or a held key) is hidden from it on purpose; anything else it holds must be
 * ours, or its own credential (which it puts on prompts first) is somebody else's.
 */
function diagnoseSession(
  signedIn: GatherDiagnosisOptions['signedIn'],
  facts: SessionFacts,
  refresh: 'ok' | AuthErrorKind,
  keyOfHost: string | null
): SessionDiagnosis {
  const { firebase, key, hostHasAccountPage } = signedIn
  const hidden = hiddenFromHost({ hostHasAccountPage, firebase, key })
  if (firebase) {
    const { signedInAt, tokenExpiresAt, sharedUserId } = facts
    const shared = sharedUserId === undefined || sharedUserId === firebase.profile.id
    return {
      kind: 'firebase',
      method: firebase.method,
      email: maskEmail(firebase.profile.email),
      signedInAt,
      tokenExpiresAt,
      refresh,
      // A key is never held while an account is in use.
      hostPage: hostHasAccountPage ? (hidden === 'tabOnly' ? hidden : shared ? 'same' : 'differs') : null
    }
  }
  if (key) {
    return {
      kind: 'apiKey',
      maskedKey: maskApiKey(key.key),
      storedOn: key.remembered ? 'device' : 'tab',
      hostPage: hostHasAccountPage ? (hidden ?? (keyOfHost === key.key ? 'same' : 'differs')) : null
    }
  }
  return { kind: 'signedOut' }
}

async function diagnoseApi(
  options: GatherDiagnosisOptions,
  reach: ApiReach,
  signedIn: boolean
): Promise<ApiDiagnosis> {
  const { comfyApi, comfyApiBaseUrl } = options
  const origin = new URL(comfyApiBaseUrl).origin
  if (!signedIn) return { origin, reach, credential: 'notSignedIn', balance: 'unknown' }
  if (reach !== 'ok') return { origin, reach, credential: 'unknown', balance: 'unknown' }
  const { key } = options.signedIn
  // The same checks as at sign-in: a key is checked on its own (nothing is removed on a
  // rejection here); an account's customer is created-or-got with its token.
  const checked = options.signedIn.firebase
    ? await comfyApi.createCustomer()
    : await comfyApi.verifyApiKey(key?.key ?? '')
  const credential = checked.ok ? 'accepted' : checked.reason === 'unauthorized' ? 'rejected' : 'unknown'
  if (credential !== 'accepted') return { origin, reach, credential, balance: 'unknown' }
  const balance = await comfyApi.getBalance()
  return { origin, reach, credential, balance: balance.ok ? balance.value : 'unknown' }
}

async function diagnosePrompt(host: HostDiagnostics | undefined): Promise<PromptDiagnosis> {
  if (!host) return { carried: 'unknown', lookup: 'unavailable', lastFailure: null }
  const probe = await host.probePrompt().catch(() => ({ carried: 'unknown', lookup: 'unavailable' }) as const)
  return { ...probe, lastFailure: host.lastPartnerNodeFailure() }
}

export async function gatherDiagnosis(options: GatherDiagnosisOptions): Promise<DiagnosisFacts> {
  const { browser, firebase, signedIn, timeoutMs = 8000 } = options
  const signedInAtAll = Boolean(signedIn.firebase || signedIn.key)
  const [address, reach, session] = await Promise.all([
    diagnoseAddress(browser, timeoutMs),
    reachOf(browser, options.comfyApiBaseUrl, timeoutMs),
    (async () => {
      if (!signedIn.firebase) return diagnoseSession(signedIn, NO_FACTS, 'ok', hostKey(browser))
      // The token's life first: the forced refresh right after renews it.
      const facts = (await firebase.sessionFacts?.()) ?? NO_FACTS
      const token = await firebase.getIdToken(Number.POSITIVE_INFINITY)
      return diagnoseSession(signedIn, facts, token.ok ? 'ok' : token.reason, null)
    })()
  ])
  // The API check and the prompt probe may refresh the token; they run after the refresh above.
  const [api, prompt] = await Promise.all([
    diagnoseApi(options, reach, signedInAtAll),
    diagnosePrompt(options.host)
  ])
  return { checkedAt: browser.now(), address, session, api, prompt }
}
