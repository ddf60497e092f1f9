/**
 * Partner (API) nodes in the graph that cannot run as things stand: nobody signed in, a sign-in
 * whose token cannot be refreshed right now, or an account whose last known balance is zero or
 * below. Say so before the run fails on the server, list those nodes, and offer the way forward
 * ("Sign in", then one click runs it; "Add credits") or "Run anyway".
 *
 * We wrap `app.queuePrompt` for this, once per click on Run: a batch asks once, and "cancel" is a
 * quiet `false`, like the host's own cancelled runs, instead of an error dialog. A run without
 * partner nodes is never stopped: it only needs what ComfyUI itself has. Neither is a run we are
 * unsure about: a balance we cannot read in time lets the run go.
 */
import type { HostApp } from './hostTypes'
import type { PartnerNodeCatalog } from './partnerNodeCatalog'
import type { CredentialLookup } from './promptCredentials'

export type PartnerNodeChoice = 'runAnyway' | 'handled'

/** Why the partner nodes cannot run: it decides what the prompt says. */
export type PartnerNodeReason = 'signedOut' | 'credentialUnavailable' | 'noCredits'

/** What the guard asks of the signed-in user's credits. */
export interface RunCredits {
  /** Without a request: a fresh balance shows credits, so the run goes at once. */
  knownToPay(): Promise<boolean>
  /** `ask` when the balance (read again first if unknown or stale, briefly) cannot pay. */
  forRun(): Promise<'run' | 'ask'>
}

export interface PartnerNodeGuardOptions {
  app: HostApp
  catalog: PartnerNodeCatalog
  /** The bounded lookup every prompt makes (createCredentialLookup), so the two agree. */
  lookup: () => Promise<CredentialLookup>
  /** Signed in: can the account pay? Without it, a signed-in run always goes. */
  credits?: RunCredits
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

export function installPartnerNodeGuard({
  app,
  catalog,
  lookup,
  credits,
  ask,
  onError
}: PartnerNodeGuardOptions): () => void {
  const original = app.queuePrompt
  if (!original || typeof app.graphToPrompt !== 'function') return () => {}
  const queue = original as (...args: unknown[]) => Promise<unknown>

  /** Why this run should ask first, or `undefined` to run at once. */
  async function reasonToAsk(found: CredentialLookup): Promise<PartnerNodeReason | undefined> {
    if (found.status === 'signedOut') return 'signedOut'
    if (found.status === 'unavailable') return 'credentialUnavailable'
    if (!credits || (await credits.knownToPay())) return undefined
    return 'noCredits'
  }

  async function guarded(...args: unknown[]): Promise<unknown> {
    const run = () => queue.apply(app, args)
    const focusedBefore = globalThis.document?.activeElement ?? null
    try {
      const reason = await reasonToAsk(await lookup())
      if (!reason) return run()
      const prompt = await app.graphToPrompt?.()
      const names = await catalog.namesIn(prompt?.output)
      if (names.length === 0) return run()
      // Only now, with partner nodes in the graph, is the balance worth a (short) read.
      if (reason === 'noCredits' && (await credits?.forRun()) !== 'ask') return run()
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
