/**
 * How each partner-node run ends. ComfyUI reports the end of every prompt on `api`, once:
 * `execution_success` (`{ prompt_id, timestamp }`) or `execution_error` (`{ prompt_id, node_id,
 * node_type, exception_message, exception_type, ... }`); an interrupted one ends with
 * `execution_interrupted` (docs/host-contract.md, "Run events").
 *
 * A run is a partner-node run when the prompt we saw queued had partner nodes (its id comes back
 * in the answer to `POST /prompt`), or when the node that failed is one. Other runs are not ours
 * to report on.
 */
import type { RunOutcome } from '@/auth/rules/creditsRules'

import type { HostApi } from './hostTypes'
import type { PartnerNodeCatalog } from './partnerNodeCatalog'

/**
 * The exact messages partner nodes fail with on a 401 and a 402 from the Comfy API (ComfyUI's
 * `comfy_api_nodes`; docs/host-contract.md, "Partner-node credentials"). Here rather than in
 * src/auth/rules/: it runs in the start-up file, which must not load the UI chunk.
 */
const FAILURE_MESSAGES = [
  ['Unauthorized: Please login first to use this node.', 'unauthorized', 401],
  ['Payment Required:', 'paymentRequired', 402]
] as const

/** What an `execution_success` / `execution_error` event says about the run. */
export function runOutcomeOf(
  event: 'execution_success' | 'execution_error',
  exceptionMessage?: unknown
): Pick<PartnerRunEnd, 'outcome' | 'status'> {
  if (event === 'execution_success') return { outcome: 'succeeded', status: null }
  if (typeof exceptionMessage === 'string') {
    for (const [text, outcome, status] of FAILURE_MESSAGES) {
      if (exceptionMessage.includes(text)) return { outcome, status }
    }
  }
  return { outcome: 'failed', status: null }
}

/** How a partner-node run ended, as `onEnd` hears of it. */
export interface PartnerRunEnd {
  /** The prompt's id, as ComfyUI's execution events name it. */
  promptId: string
  outcome: RunOutcome
  /** The HTTP status the partner node met (401/402), when the failure says so. */
  status: 401 | 402 | null
  /** The display name of the partner node that failed, when one did. */
  failedNode?: string
  /**
   * The prompt went out with a credential for partner nodes. Without one, a 401 is what the user
   * was told to expect when they chose "Run anyway", not news. Unknown (a prompt we did not see
   * queued) counts as `false`.
   */
  carriedCredential: boolean
}

export interface PartnerNodeRunsOptions {
  api: HostApi
  catalog: PartnerNodeCatalog
  onEnd: (run: PartnerRunEnd) => void
  onError: (error: unknown) => void
  /**
   * Runs remembered at most; older ones (a prompt that never reported back) are forgotten.
   * @default 200
   */
  limit?: number
}

export interface PartnerNodeRuns {
  /**
   * Hand it every `POST /prompt` body as sent and the answer, before anyone reads the answer: a
   * prompt with partner nodes is then watched.
   */
  noteQueued(body: unknown, response: Response): void
}

interface RunEventDetail {
  prompt_id?: unknown
  node_type?: unknown
  exception_message?: unknown
}

interface SentPrompt {
  prompt?: unknown
  extra_data?: { auth_token_comfy_org?: unknown; api_key_comfy_org?: unknown }
}

const parseSent = (body: unknown): SentPrompt => {
  if (typeof body !== 'string') return {}
  try {
    return (JSON.parse(body) as SentPrompt | null) ?? {}
  } catch {
    return {}
  }
}

const carriesCredential = ({ extra_data: extra }: SentPrompt) =>
  Boolean(extra?.auth_token_comfy_org || extra?.api_key_comfy_org)

export function watchPartnerNodeRuns({
  api,
  catalog,
  onEnd,
  onError,
  limit = 200
}: PartnerNodeRunsOptions): PartnerNodeRuns {
  /** Prompt id -> whether it carried a credential. */
  const watched = new Map<string, boolean>()
  // Prompts still being looked at: an end event waits for them, so a fast run is not missed.
  let noted: Promise<void> = Promise.resolve()

  async function note(body: unknown, answer: Promise<{ prompt_id?: unknown } | null>): Promise<void> {
    const id = (await answer)?.prompt_id
    const sent = parseSent(body)
    if (typeof id !== 'string' || (await catalog.namesIn(sent.prompt)).length === 0) return
    watched.set(id, carriesCredential(sent))
    if (watched.size > limit) watched.delete(watched.keys().next().value as string)
  }

  async function ended(type: 'execution_success' | 'execution_error', detail: RunEventDetail) {
    await noted
    const id = detail.prompt_id
    if (typeof id !== 'string') return
    const [failedNode] =
      type === 'execution_error' ? await catalog.namesIn({ failed: { class_type: detail.node_type } }) : []
    const carriedCredential = watched.get(id) ?? false
    if (!watched.delete(id) && failedNode === undefined) return
    onEnd({
      promptId: id,
      ...runOutcomeOf(type, detail.exception_message),
      carriedCredential,
      ...(failedNode ? { failedNode } : {})
    })
  }

  for (const type of ['execution_success', 'execution_error'] as const) {
    api.addEventListener(type, (event) => {
      ended(type, (event as CustomEvent<RunEventDetail | undefined>).detail ?? {}).catch(onError)
    })
  }
  api.addEventListener('execution_interrupted', (event) => {
    const id = (event as CustomEvent<RunEventDetail | undefined>).detail?.prompt_id
    if (typeof id === 'string') watched.delete(id)
  })

  return {
    noteQueued(body, response) {
      if (!response.ok) return
      // Read from a copy taken now, while the host has not read the answer yet. A body that is
      // not JSON is the host's problem to report, not ours.
      const answer = response
        .clone()
        .json()
        .catch(() => null) as Promise<{ prompt_id?: unknown } | null>
      noted = noted.then(() => note(body, answer)).catch(onError)
    }
  }
}
