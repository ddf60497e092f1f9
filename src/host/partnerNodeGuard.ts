/**
 * Partner (API) nodes in the graph and no credential for them (signed out, or a sign-in whose
 * token cannot be refreshed right now): say so before the run fails on the server, list those
 * nodes, and offer "Sign in" (then one click runs it) or "Run anyway".
 *
 * We wrap `app.queuePrompt` for this, once per click on Run: a batch asks once, and "cancel" is a
 * quiet `false`, like the host's own cancelled runs, instead of an error dialog. A run without
 * partner nodes is never stopped: it only needs what ComfyUI itself has.
 */
import type { HostApi, HostApp } from './hostTypes'
import type { CredentialLookup } from './promptCredentials'

export type PartnerNodeChoice = 'runAnyway' | 'handled'

/** Why the partner nodes have no credential: it decides what the prompt says. */
export type PartnerNodeReason = 'signedOut' | 'credentialUnavailable'

export interface PartnerNodeGuardOptions {
  app: HostApp
  api: HostApi
  /** The bounded lookup every prompt makes (createCredentialLookup), so the two agree. */
  lookup: () => Promise<CredentialLookup>
  /**
   * Shows the prompt; `rerun` queues the same run again after a sign-in. `focusedBefore`: what had
   * focus when the run was asked for (the Run button), for the prompt to give focus back to; by
   * the time the prompt opens the host may have disabled it, which loses focus.
   */
  ask: (
    nodeNames: string[],
    rerun: () => Promise<unknown>,
    reason: PartnerNodeReason,
    focusedBefore: Element | null
  ) => Promise<PartnerNodeChoice>
  onError: (error: unknown) => void
}

interface NodeDef {
  api_node?: boolean
  display_name?: string
}

type GraphOutput = Record<string, { class_type?: string }>

/** Display names of the partner nodes in a prompt's output. */
export function partnerNodesIn(output: GraphOutput, defs: Record<string, NodeDef>): string[] {
  const names = new Set<string>()
  for (const node of Object.values(output)) {
    const def = node.class_type ? defs[node.class_type] : undefined
    if (def?.api_node && node.class_type) names.add(def.display_name || node.class_type)
  }
  return [...names]
}

export function installPartnerNodeGuard({
  app,
  api,
  lookup,
  ask,
  onError
}: PartnerNodeGuardOptions): () => void {
  const original = app.queuePrompt
  if (!original || typeof app.graphToPrompt !== 'function') return () => {}
  const queue = original as (...args: unknown[]) => Promise<unknown>
  let defs: Promise<Record<string, NodeDef>> | undefined

  const nodeDefs = () =>
    (defs ??= api
      .fetchApi('/object_info')
      .then((r) => r.json() as Promise<Record<string, NodeDef>>)
      .catch(() => {
        defs = undefined
        return {}
      }))

  async function guarded(...args: unknown[]): Promise<unknown> {
    const run = () => queue.apply(app, args)
    const focusedBefore = globalThis.document?.activeElement ?? null
    try {
      const found = await lookup()
      if (found.status === 'ready') return run()
      const prompt = await app.graphToPrompt?.()
      const names = partnerNodesIn((prompt?.output ?? {}) as GraphOutput, await nodeDefs())
      if (names.length === 0) return run()
      const reason = found.status === 'signedOut' ? 'signedOut' : 'credentialUnavailable'
      const choice = await ask(names, run, reason, focusedBefore)
      return choice === 'runAnyway' ? run() : false
    } catch (error) {
      // Our check must never stand between the user and their run.
      onError(error)
      return run()
    }
  }

  app.queuePrompt = guarded
  return () => {
    if (app.queuePrompt === guarded) app.queuePrompt = original
  }
}
