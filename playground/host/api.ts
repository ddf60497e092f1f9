// The host's `api` object (what `/scripts/api.js` re-exports). Mirrors ComfyUI's ComfyApi
// (Comfy-Org/ComfyUI_frontend src/scripts/api.ts) as far as an account extension can see it:
// an EventTarget, `fetchApi` prefixing `/api`, and `queuePrompt` posting exactly ComfyUI's body.
import type { NodeDef } from './types'

export interface GraphPrompt {
  /** API-format prompt: node id -> `{ class_type, inputs }`. */
  output: Record<string, unknown>
  /** The workflow JSON saved into the image metadata. */
  workflow: unknown
}

export interface PromptResponse {
  prompt_id: string
  number: number
  node_errors: Record<string, unknown>
}

/** Thrown for a non-200 answer to `POST /api/prompt`, carrying the server's error body. */
/** `GET /api/users`: the `users` key (id -> name) is there only on a multi-user server. */
export interface UserConfig {
  storage: 'server'
  migrated?: boolean
  users?: Record<string, string>
}

export class PromptExecutionError extends Error {
  constructor(readonly response: unknown) {
    super('Error queuing prompt')
    this.name = 'PromptExecutionError'
  }
}

function newClientId(): string {
  // randomUUID only exists in secure contexts; a LAN address is not one.
  return (
    globalThis.crypto.randomUUID?.() ?? `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`
  )
}

export class ComfyApi extends EventTarget {
  /** The path the page is served under ('' at the root), as ComfyUI computes it. */
  readonly api_base = location.pathname.split('/').slice(0, -1).join('/')
  /** Multi-user id; empty in single-user mode. Sent as `Comfy-User` like ComfyUI does. */
  user = ''
  clientId: string = sessionStorage.getItem('clientId') ?? newClientId()
  /** Firebase ID token the host sets just before queueing (ComfyUI's app.queuePrompt does this). */
  authToken?: string
  /** Comfy API key the host sets just before queueing. */
  apiKey?: string
  /**
   * Playground only: the page's `?multiUser=1`. Asks the server to list its users as if started
   * with `--multi-user`, so one server serves both kinds of page (see server/users.ts).
   */
  playgroundMultiUser = false

  constructor() {
    super()
    sessionStorage.setItem('clientId', this.clientId)
  }

  apiURL(route: string): string {
    return `${this.api_base}/api${route}`
  }

  fileURL(route: string): string {
    return this.api_base + route
  }

  fetchApi(route: string, options: RequestInit = {}): Promise<Response> {
    const init: RequestInit = { ...options, cache: options.cache ?? 'no-cache' }
    const headers = new Headers(options.headers)
    headers.set('Comfy-User', this.user)
    init.headers = headers
    return fetch(this.apiURL(route), init)
  }

  /**
   * Starts hearing the server's messages, as ComfyUI's `api.init()` opens its WebSocket: each
   * `{ type, data }` becomes a CustomEvent of that type with `data` as its detail
   * (`execution_start`, `execution_success`, `execution_error`; server/execution.ts).
   */
  init(): void {
    const source = new EventSource(
      `${this.api_base}/__playground/events?clientId=${encodeURIComponent(this.clientId)}`
    )
    source.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { type: string; data: unknown }
      this.dispatchCustomEvent(message.type, message.data)
    })
  }

  dispatchCustomEvent(type: string, detail?: unknown): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail }))
  }

  async getUserConfig(): Promise<UserConfig> {
    const headers = this.playgroundMultiUser ? { 'X-Playground-Multi-User': '1' } : undefined
    return (await (await this.fetchApi('/users', { headers })).json()) as UserConfig
  }

  /** Answers the response as ComfyUI does: 200 with the new id as a JSON string, else an error. */
  createUser(username: string): Promise<Response> {
    return this.fetchApi('/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username })
    })
  }

  async getExtensions(): Promise<string[]> {
    const res = await this.fetchApi('/extensions', { cache: 'no-store' })
    return (await res.json()) as string[]
  }

  async getNodeDefs(): Promise<Record<string, NodeDef>> {
    const res = await this.fetchApi('/object_info', { cache: 'no-store' })
    return (await res.json()) as Record<string, NodeDef>
  }

  async getSettings(): Promise<Record<string, unknown>> {
    return (await (await this.fetchApi('/settings')).json()) as Record<string, unknown>
  }

  async getSetting(id: string): Promise<unknown> {
    return (await (await this.fetchApi(`/settings/${encodeURIComponent(id)}`)).json()) as unknown
  }

  /**
   * As ComfyUI's (1.24 and 1.45): the server's answer, a refusal included; only a request that
   * never reached the server rejects. ComfyUI posts the bare JSON value without a Content-Type.
   */
  storeSetting(id: string, value: unknown): Promise<Response> {
    return this.fetchApi(`/settings/${encodeURIComponent(id)}`, {
      method: 'POST',
      body: JSON.stringify(value)
    })
  }

  async getCustomNodesI18n(): Promise<Record<string, Record<string, unknown>>> {
    return (await (await this.fetchApi('/i18n')).json()) as Record<string, Record<string, unknown>>
  }

  /**
   * Queues a prompt. `number` -1 puts it at the front; any other non-zero number is sent as is.
   * The credential fields are read from `this` at call time; JSON.stringify drops them when
   * undefined, so a signed-out submission carries neither (docs/host-contract.md, "Partner-node credentials").
   */
  async queuePrompt(
    number: number,
    { output, workflow }: GraphPrompt,
    options?: { partialExecutionTargets?: string[] }
  ): Promise<PromptResponse> {
    const body: Record<string, unknown> = {
      client_id: this.clientId,
      prompt: output,
      ...(options?.partialExecutionTargets && { partial_execution_targets: options.partialExecutionTargets }),
      extra_data: {
        auth_token_comfy_org: this.authToken,
        api_key_comfy_org: this.apiKey,
        extra_pnginfo: { workflow }
      }
    }
    if (number === -1) body.front = true
    else if (number !== 0) body.number = number

    const res = await this.fetchApi('/prompt', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (res.status !== 200) throw new PromptExecutionError(await res.json().catch(() => res.statusText))
    return (await res.json()) as PromptResponse
  }
}
