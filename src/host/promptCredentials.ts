/**
 * Puts the signed-in user's credential on the prompts ComfyUI queues, so partner (API) nodes
 * run without another step (docs/host-contract.md, "Partner-node credentials").
 *
 * We wrap `api.fetchApi` for `POST /prompt` rather than `api.queuePrompt`: every path that
 * queues a prompt ends there, whichever other extension wrapped `queuePrompt` before or after
 * us. Each submission looks up its own credential (a batch of N gets N fresh tokens; concurrent
 * ones share one refresh in the store); a field the host already filled is never touched.
 *
 * We never refuse or hold back a prompt: ComfyUI runs what needs no credential, and a run with
 * partner nodes was offered its choice before it got here (partnerNodeGuard.ts). A prompt waits
 * at most `timeoutMs` for its credential and otherwise goes out as the host built it.
 */
import type { ComfyCredential } from '@/auth/credentials/credentialSource'
import type { AuthErrorKind, Result } from '@/types/errors'

import type { HostApi } from './hostTypes'

export const PROMPT_FIELDS = {
  firebase: 'auth_token_comfy_org',
  apiKey: 'api_key_comfy_org'
} as const satisfies Record<ComfyCredential['kind'], string>

/** Where a credential stands for one prompt. */
export type CredentialLookup =
  | { status: 'ready'; credential: ComfyCredential }
  | { status: 'signedOut' }
  | { status: 'unavailable'; reason: AuthErrorKind | 'timeout' }

export interface CredentialLookupOptions {
  /** The credential for this one submission; `ok(null)` when nobody is signed in. */
  credential: () => Promise<Result<ComfyCredential | null, AuthErrorKind>>
  /**
   * How long a prompt may wait for its credential: the Queue button must never seem dead.
   * @default 3000
   */
  timeoutMs?: number
  /**
   * Once a lookup has outlived `timeoutMs`, later ones answer `unavailable` at once while it is
   * still pending, instead of each waiting again (a batch, or "Run anyway" right after the
   * choice); after this long they wait again, in case the first one never settles.
   * @default 30000
   */
  retryAfterMs?: number
}

const TIMED_OUT = Symbol('timed out')

/** A bounded credential lookup, shared by the prompt wrapper and the partner-node guard. */
export function createCredentialLookup({
  credential,
  timeoutMs = 3000,
  retryAfterMs = 30_000
}: CredentialLookupOptions): () => Promise<CredentialLookup> {
  let overduePending = 0
  let waitAgainAt = 0

  return async function lookup(): Promise<CredentialLookup> {
    if (overduePending > 0 && Date.now() < waitAgainAt) return { status: 'unavailable', reason: 'timeout' }
    let settled = false
    let overdue = false
    const attempt = Promise.resolve()
      .then(credential)
      // A throwing provider is a bug, but it must not stand between the user and the run.
      .then(fromResult, () => ({ status: 'unavailable', reason: 'unknown' }) as const)
      .then((found) => {
        settled = true
        if (overdue) overduePending--
        return found
      })
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT)
    })
    const found = await Promise.race([attempt, deadline])
    clearTimeout(timer)
    if (found !== TIMED_OUT) return found
    if (!settled) {
      overdue = true
      overduePending++
      waitAgainAt = Date.now() + retryAfterMs
    }
    return { status: 'unavailable', reason: 'timeout' }
  }
}

function fromResult(result: Result<ComfyCredential | null, AuthErrorKind>): CredentialLookup {
  if (!result.ok) return { status: 'unavailable', reason: result.reason }
  return result.value ? { status: 'ready', credential: result.value } : { status: 'signedOut' }
}

export interface PromptCredentialOptions {
  api: HostApi
  /** From `createCredentialLookup`. */
  lookup: () => Promise<CredentialLookup>
  /**
   * The host may still hold the previous ComfyUI user's credential (a user switch on a shared
   * server closed that session; ComfyUI's own copy follows within a second or two): then a
   * credential the host filled in goes out only if it is the one we would send.
   * @default () => false
   */
  distrustHost?: () => boolean
  /**
   * Called with each queue request's body as it went out (with our credential, if we added one)
   * and the server's answer, before the host reads it: a run can be followed to its end
   * (partnerNodeRuns.ts).
   */
  onQueued?: (body: unknown, response: Response) => void
}

/**
 * ComfyUI's own queue request and nothing else. The host queues with exactly
 * `fetchApi('/prompt', { method: 'POST' })` (fetchApi adds `/api`; it never adds a query), while
 * custom nodes' routes (`/mynode/prompt`, `/llm/prompt/`, `/api_ext/prompt`) may end the same way
 * and must never see a credential (docs/host-contract.md, "Partner-node credentials"). The
 * backend's router (aiohttp, exact paths, no path-normalizing middleware) ignores a query string,
 * so `/prompt?x` still reaches the prompt handler; it does not route `/prompt/` there, so a
 * trailing slash is somebody else's route.
 */
function isQueueRequest(route: string, init: RequestInit | undefined): boolean {
  return (init?.method ?? 'GET').toUpperCase() === 'POST' && route.split(/[?#]/u, 1)[0] === '/prompt'
}

interface PromptBody {
  body: Record<string, unknown>
  extra: Record<string, unknown>
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `undefined` for anything we would have to reshape: such a body goes out untouched. */
function parsePromptBody(raw: BodyInit | null | undefined): PromptBody | undefined {
  if (typeof raw !== 'string') return undefined
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (!isPlainObject(body)) return undefined
  const extra = body.extra_data
  if (extra === undefined) return { body, extra: {} }
  return isPlainObject(extra) ? { body, extra } : undefined
}

const isFilled = (value: unknown) => typeof value === 'string' && value !== ''

/** Installs the wrapper; returns a function that removes it again. */
/** The Firebase user an ID token names (unverified: only compared with our own token's). */
function tokenSubject(token: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/gu, '+').replace(/_/gu, '/'))
    )
    return isPlainObject(payload) && typeof payload.sub === 'string' ? payload.sub : undefined
  } catch {
    return undefined
  }
}

/** Is the credential the host filled in the one we would send ourselves? */
function sameAsOurs(extra: Record<string, unknown>, ours: CredentialLookup): boolean {
  const token = extra[PROMPT_FIELDS.firebase]
  const key = extra[PROMPT_FIELDS.apiKey]
  if (ours.status !== 'ready') return false
  const { credential } = ours
  if (isFilled(token)) {
    return credential.kind === 'firebase' && tokenSubject(String(token)) === tokenSubject(credential.idToken)
  }
  return credential.kind === 'apiKey' && key === credential.key
}

export function installPromptCredentials({
  api,
  lookup,
  distrustHost = () => false,
  onQueued
}: PromptCredentialOptions): () => void {
  const original = api.fetchApi

  async function withCredential(route: string, init?: RequestInit): Promise<Response> {
    // Route and method first: every other request passes through unread.
    if (!isQueueRequest(route, init)) return original.call(api, route, init)
    let sent = init
    const response = await queueWithCredential(route, init, (final) => (sent = final))
    onQueued?.(sent?.body, response)
    return response
  }

  /** Sends the queue request, with our credential where it belongs; `sending` sees what went out. */
  async function queueWithCredential(
    route: string,
    init: RequestInit | undefined,
    sending: (final: RequestInit | undefined) => void
  ): Promise<Response> {
    const send = (final: RequestInit | undefined) => {
      sending(final)
      return original.call(api, route, final)
    }
    const parsed = parsePromptBody(init?.body)
    if (!parsed) return send(init)
    const { body, extra } = parsed
    const hostFilled = isFilled(extra[PROMPT_FIELDS.firebase]) || isFilled(extra[PROMPT_FIELDS.apiKey])
    if (hostFilled && !distrustHost()) {
      // The host (its own account page) already chose a credential for this prompt.
      return send(init)
    }
    const found = await lookup()
    if (hostFilled) {
      if (sameAsOurs(extra, found)) return send(init)
      // The previous ComfyUI user's credential: never sent for this one.
      delete extra[PROMPT_FIELDS.firebase]
      delete extra[PROMPT_FIELDS.apiKey]
      if (found.status !== 'ready') {
        return send({ ...init, body: JSON.stringify({ ...body, extra_data: extra }) })
      }
    }
    if (found.status !== 'ready') return send(init)
    const { credential } = found
    const field = PROMPT_FIELDS[credential.kind]
    const value = credential.kind === 'firebase' ? credential.idToken : credential.key
    return send({
      ...init,
      body: JSON.stringify({ ...body, extra_data: { ...extra, [field]: value } })
    })
  }

  api.fetchApi = withCredential
  return () => {
    if (api.fetchApi === withCredential) api.fetchApi = original
  }
}
