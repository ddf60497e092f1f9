/**
 * Puts the signed-in user's credential on every prompt ComfyUI queues, so partner (API) nodes
 * run without another step (CONTRACTS §4).
 *
 * We wrap `api.fetchApi` for `POST /prompt` rather than `api.queuePrompt`: every path that
 * queues a prompt ends there, whichever other extension wrapped `queuePrompt` before or after
 * us. Each submission resolves its own credential (a batch of N gets N fresh tokens, and
 * concurrent ones share one refresh); a field the host already filled is never touched.
 */
import type { ComfyCredential } from '@/auth/comfyApi/comfyApiClient'
import type { AuthErrorKind, Result } from '@/types/errors'

import type { HostApi } from './comfyHost'

export const PROMPT_FIELDS = {
  firebase: 'auth_token_comfy_org',
  apiKey: 'api_key_comfy_org'
} as const satisfies Record<ComfyCredential['kind'], string>

export interface PromptCredentialOptions {
  api: HostApi
  /** The credential for this one submission; `ok(null)` when nobody is signed in. */
  credential: () => Promise<Result<ComfyCredential | null, AuthErrorKind>>
  /** The message of the error that stops a submission when no valid token can be had. */
  unavailableMessage: (kind: AuthErrorKind) => string
}

interface PromptBody {
  extra_data?: Record<string, unknown>
  [key: string]: unknown
}

function isPromptSubmission(route: string, init: RequestInit | undefined): boolean {
  const path = route.split('?')[0] ?? ''
  return (init?.method ?? 'GET').toUpperCase() === 'POST' && /(^|\/)prompt\/?$/u.test(path)
}

function parseBody(body: BodyInit | null | undefined): PromptBody | undefined {
  if (typeof body !== 'string') return undefined
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as PromptBody)
      : undefined
  } catch {
    return undefined
  }
}

const isFilled = (value: unknown) => typeof value === 'string' && value !== ''

/** Raised instead of sending a prompt with an expired token; its message is for the user. */
export class PromptCredentialUnavailableError extends Error {
  override name = 'PromptCredentialUnavailableError'
}

/** Installs the wrapper; returns a function that removes it again. */
export function installPromptCredentials({
  api,
  credential,
  unavailableMessage
}: PromptCredentialOptions): () => void {
  const original = api.fetchApi

  async function withCredential(route: string, init: RequestInit | undefined): Promise<Response> {
    const body = parseBody(init?.body)
    if (!isPromptSubmission(route, init) || !body) return original.call(api, route, init)
    const extra = { ...body.extra_data }
    if (isFilled(extra[PROMPT_FIELDS.firebase]) || isFilled(extra[PROMPT_FIELDS.apiKey])) {
      // The host (its own account page) already chose a credential for this prompt.
      return original.call(api, route, init)
    }
    const current = await credential()
    if (!current.ok) throw new PromptCredentialUnavailableError(unavailableMessage(current.reason))
    if (!current.value) return original.call(api, route, init)
    const { kind } = current.value
    extra[PROMPT_FIELDS[kind]] = kind === 'firebase' ? current.value.idToken : current.value.key
    return original.call(api, route, { ...init, body: JSON.stringify({ ...body, extra_data: extra }) })
  }

  api.fetchApi = withCredential
  return () => {
    if (api.fetchApi === withCredential) api.fetchApi = original
  }
}
