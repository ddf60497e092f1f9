// Runs a queued prompt the way ComfyUI's executor looks from the frontend: `execution_start`,
// then `execution_success`, or `execution_error` for the first node that fails, sent to the tab
// that queued it (its `client_id`). Only partner nodes do anything here: each calls our local
// Comfy API with the credential `extra_data` carried, as ComfyUI's `comfy_api_nodes` do, and a
// 401 or 402 fails the node with their exact messages (docs/host-contract.md, "Run events").
//
// ComfyUI sends these messages over its WebSocket (`/ws?clientId=`) as `{ type, data }`; the
// playground sends the same messages as server-sent events (`GET /__playground/events?clientId=`),
// and its `api` dispatches each as ComfyUI's does: a CustomEvent of that type with `data` as detail.
import type { ServerResponse } from 'node:http'

import { requestUrl, sendStatus, type Middleware } from './http'
import { NODE_DEFS } from './objectInfo'
import type { QueuePromptBody } from './prompts'

/** The messages ComfyUI's partner nodes fail with (comfy_api_nodes, `_friendly_http_message`). */
const PARTNER_NODE_MESSAGES: Record<number, string> = {
  401: 'Unauthorized: Please login first to use this node.',
  402: 'Payment Required: Please add credits to your account to use this node.',
  409: 'There is a problem with your account. Please contact support@comfy.org.',
  429: 'Rate Limit Exceeded: Please try again later.'
}

/** What a partner node calls; the local Comfy API charges it (dev/comfy-api-server). */
const PARTNER_ROUTE = '/proxy/openai/images/generations'

export interface ClientEvents {
  /** Sends `{ type, data }` to the tab with this client id; kept until it connects. */
  send(clientId: string, type: string, data: unknown): void
  middleware: Middleware
}

/** Messages wait this long for a tab that has not connected yet (a prompt queued at boot). */
const BACKLOG_LIMIT = 100

export function createClientEvents(): ClientEvents {
  const streams = new Map<string, Set<ServerResponse>>()
  const backlog = new Map<string, string[]>()

  function send(clientId: string, type: string, data: unknown): void {
    const frame = `data: ${JSON.stringify({ type, data })}\n\n`
    const open = streams.get(clientId)
    if (open?.size) {
      for (const res of open) res.write(frame)
      return
    }
    const waiting = backlog.get(clientId) ?? []
    waiting.push(frame)
    backlog.set(clientId, waiting.slice(-BACKLOG_LIMIT))
  }

  const middleware: Middleware = (req, res, next) => {
    const url = requestUrl(req)
    if (url.pathname !== '/__playground/events') return next()
    const clientId = url.searchParams.get('clientId')
    if (req.method !== 'GET' || !clientId) return sendStatus(res, 400, 'GET with ?clientId=')
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive'
    })
    res.write(': connected\n\n')
    const open = streams.get(clientId) ?? new Set<ServerResponse>()
    open.add(res)
    streams.set(clientId, open)
    for (const frame of backlog.get(clientId) ?? []) res.write(frame)
    backlog.delete(clientId)
    req.on('close', () => open.delete(res))
  }

  return { send, middleware }
}

/** The credential headers a partner node sends: the token wins over the key, as in ComfyUI. */
function partnerNodeHeaders(extra: QueuePromptBody['extra_data']): Record<string, string> {
  const token = extra?.auth_token_comfy_org
  const key = extra?.api_key_comfy_org
  if (typeof token === 'string' && token) return { Authorization: `Bearer ${token}` }
  if (typeof key === 'string' && key) return { 'X-API-KEY': key }
  return {}
}

type NodeResult = { ok: true } | { ok: false; message: string; type: string }

async function runPartnerNode(
  comfyApiUrl: string,
  extra: QueuePromptBody['extra_data']
): Promise<NodeResult> {
  try {
    const response = await fetch(new URL(PARTNER_ROUTE, comfyApiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...partnerNodeHeaders(extra) },
      body: JSON.stringify({ model: 'dall-e-3', prompt: 'a playground image', n: 1 })
    })
    if (response.ok) return { ok: true }
    const message =
      PARTNER_NODE_MESSAGES[response.status] ??
      `The partner node's request failed with status ${response.status}.`
    return { ok: false, message, type: 'Exception' }
  } catch (error) {
    return { ok: false, message: `Failed to connect to the Comfy API: ${String(error)}`, type: 'Exception' }
  }
}

export async function executePrompt({
  body,
  promptId,
  comfyApiUrl,
  events
}: {
  body: QueuePromptBody
  promptId: string
  comfyApiUrl: string
  events: ClientEvents
}): Promise<void> {
  const clientId = body.client_id ?? ''
  const timestamp = () => Date.now()
  events.send(clientId, 'execution_start', { prompt_id: promptId, timestamp: timestamp() })
  const executed: string[] = []
  for (const [nodeId, node] of Object.entries(body.prompt ?? {})) {
    const classType = (node as { class_type?: unknown } | null)?.class_type
    if (typeof classType === 'string' && NODE_DEFS[classType]?.api_node) {
      const result = await runPartnerNode(comfyApiUrl, body.extra_data)
      if (!result.ok) {
        // The shape of ComfyUI's execution_error (execution.py, handle_execution_error).
        events.send(clientId, 'execution_error', {
          prompt_id: promptId,
          node_id: nodeId,
          node_type: classType,
          executed,
          exception_message: result.message,
          exception_type: result.type,
          traceback: [],
          current_inputs: {},
          current_outputs: {},
          timestamp: timestamp()
        })
        return
      }
    }
    executed.push(nodeId)
  }
  events.send(clientId, 'execution_success', { prompt_id: promptId, timestamp: timestamp() })
}
