/**
 * The setup check's dry run of a prompt, and ComfyUI's versions: loaded when someone checks.
 */
import type { HostDiagnostics, PromptProbe } from '@/types/hostBridge'

import type { HostApi } from './hostTypes'
import { PROMPT_FIELDS } from './promptCredentials'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isFilled = (value: unknown) => typeof value === 'string' && value !== ''

/** Which credential field a queued body carries; never the value. */
function carriedBy(body: unknown): PromptProbe['carried'] {
  if (typeof body !== 'string') return 'unknown'
  try {
    const parsed: unknown = JSON.parse(body)
    const extra = isRecord(parsed) && isRecord(parsed.extra_data) ? parsed.extra_data : {}
    if (isFilled(extra[PROMPT_FIELDS.firebase])) return 'firebase'
    return isFilled(extra[PROMPT_FIELDS.apiKey]) ? 'apiKey' : 'none'
  } catch {
    return 'unknown'
  }
}

/**
 * Queues a probe through the host's whole path (`api.queuePrompt`, every extension's wrapper of
 * it and of `fetchApi`, ours included) and stops it at the very last step, `window.fetch`: that is
 * where a prompt leaves, whoever wrapped what. The probe is a prompt nobody could run (one node
 * of an unknown type, named by a random marker); a wrapper that calls the network another way
 * would send it to ComfyUI, which refuses it without running anything. The answer says which
 * field it carried, never the credential.
 */
export async function probePrompt(api: HostApi, timeoutMs: number): Promise<PromptProbe['carried']> {
  const marker = `comfy-account-probe-${Math.random().toString(36).slice(2)}`
  const realFetch = globalThis.fetch
  let seen: (body: unknown) => void = () => {}
  const reached = new Promise<unknown>((resolve) => (seen = resolve))
  let active = true
  const probeFetch: typeof fetch = (input, init) => {
    const body = init?.body
    if (active && typeof body === 'string' && body.includes(marker)) {
      seen(body)
      const answer = { prompt_id: marker, number: 0, node_errors: {} }
      return Promise.resolve(
        new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } })
      )
    }
    return realFetch.call(globalThis, input, init)
  }
  globalThis.fetch = probeFetch
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const prompt = { output: { [marker]: { class_type: marker, inputs: {} } }, workflow: {} }
    const queued = api.queuePrompt
      ? api.queuePrompt(0, prompt)
      : api.fetchApi('/prompt', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ client_id: marker, prompt: prompt.output, extra_data: {} })
        })
    // Its answer (or a wrapper's error about it) does not matter; what reached fetch does.
    queued.catch(() => undefined)
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs)
    })
    const body = await Promise.race([
      reached,
      timedOut,
      queued.then(
        () => undefined,
        () => undefined
      )
    ])
    return body === undefined ? 'unknown' : carriedBy(body)
  } finally {
    clearTimeout(timer)
    active = false
    // Someone may have wrapped fetch meanwhile; then ours stays below theirs, passing through.
    if (globalThis.fetch === probeFetch) globalThis.fetch = realFetch
  }
}

/** ComfyUI's server version (`/system_stats`) and its frontend's (docs/host-contract.md, "What the setup check reads"). */
export async function hostVersions(api: HostApi): ReturnType<HostDiagnostics['versions']> {
  const frontend = (globalThis as { __COMFYUI_FRONTEND_VERSION__?: unknown }).__COMFYUI_FRONTEND_VERSION__
  let comfyui: string | null = null
  try {
    const stats: unknown = await (await api.fetchApi('/system_stats')).json()
    const version = isRecord(stats) && isRecord(stats.system) ? stats.system.comfyui_version : undefined
    comfyui = typeof version === 'string' ? version : null
  } catch {
    comfyui = null
  }
  return { comfyui, frontend: typeof frontend === 'string' ? frontend : null }
}
