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
import { runOutcomeOf, type LastRun } from '@/auth/rules/creditsRules'

import type { HostApi } from './hostTypes'
import type { PartnerNodeCatalog } from './partnerNodeCatalog'

export type PartnerRunEnd = Omit<LastRun, 'at'> & {
  /** The display name of the partner node that failed, when one did. */
  failedNode?: string
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
  /** Hand it every `POST /prompt` and its answer: a prompt with partner nodes is then watched. */
  noteQueued(body: unknown, response: Response): void
}

interface RunEventDetail {
  prompt_id?: unknown
  node_type?: unknown
  exception_message?: unknown
}

const promptOf = (body: unknown): unknown => {
  if (typeof body !== 'string') return undefined
  try {
    return (JSON.parse(body) as { prompt?: unknown } | null)?.prompt
  } catch {
    return undefined
  }
}

export function watchPartnerNodeRuns({
  api,
  catalog,
  onEnd,
  onError,
  limit = 200
}: PartnerNodeRunsOptions): PartnerNodeRuns {
  const watched = new Set<string>()
  // Prompts still being looked at: an end event waits for them, so a fast run is not missed.
  let noted: Promise<void> = Promise.resolve()

  async function note(body: unknown, response: Response): Promise<void> {
    if (!response.ok) return
    // A body that is not JSON is the host's problem to report, not ours.
    const answer = (await response
      .clone()
      .json()
      .catch(() => null)) as { prompt_id?: unknown } | null
    const id = answer?.prompt_id
    if (typeof id !== 'string' || (await catalog.namesIn(promptOf(body))).length === 0) return
    watched.add(id)
    if (watched.size > limit) watched.delete(watched.values().next().value as string)
  }

  async function ended(type: 'execution_success' | 'execution_error', detail: RunEventDetail) {
    await noted
    const id = detail.prompt_id
    if (typeof id !== 'string') return
    const [failedNode] =
      type === 'execution_error' ? await catalog.namesIn({ failed: { class_type: detail.node_type } }) : []
    if (!watched.delete(id) && failedNode === undefined) return
    onEnd({
      promptId: id,
      ...runOutcomeOf(type, detail.exception_message),
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
      noted = noted.then(() => note(body, response)).catch(onError)
    }
  }
}
