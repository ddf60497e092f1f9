// `POST /api/prompt` records what the frontend queued, then "runs" it (server/execution.ts): only
// partner nodes do anything, and the tab hears how the run ended, as from ComfyUI. Tests read the
// records to check which credentials `extra_data` carried.
import { randomUUID } from 'node:crypto'

import { executePrompt, type ClientEvents } from './execution'
import { asyncMiddleware, readJson, requestUrl, sendJson, sendStatus, type Middleware } from './http'

/** The body ComfyUI's `api.queuePrompt` posts (only the fields the playground cares about typed). */
export interface QueuePromptBody {
  client_id?: string
  prompt?: Record<string, unknown>
  extra_data?: {
    auth_token_comfy_org?: string
    api_key_comfy_org?: string
    extra_pnginfo?: { workflow?: unknown }
    [key: string]: unknown
  }
  front?: boolean
  number?: number
  [key: string]: unknown
}

export interface ReceivedPrompt {
  body: QueuePromptBody
  /** `Date.now()` when the server parsed it. */
  receivedAt: number
}

export function promptMiddleware(
  prompts: ReceivedPrompt[],
  run: { comfyApiUrl: string; events: ClientEvents }
): Middleware {
  let queueNumber = 0
  return asyncMiddleware(async (req, res, next) => {
    const { pathname } = requestUrl(req)

    if (pathname === '/api/prompt' && req.method === 'POST') {
      const parsed = await readJson(req)
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
        return sendStatus(res, 400, 'Invalid JSON')
      }
      const body = parsed.value as QueuePromptBody
      prompts.push({ body, receivedAt: Date.now() })
      if (!body.prompt) {
        // The error shape ComfyUI answers when `prompt` is missing.
        const error = {
          type: 'no_prompt',
          message: 'No prompt provided',
          details: 'No prompt provided',
          extra_info: {}
        }
        return sendJson(res, 400, { error, node_errors: {} })
      }
      // ComfyUI numbers queue items itself; `front` puts the item ahead of the others.
      queueNumber += 1
      const number = body.front ? -queueNumber : queueNumber
      const promptId = randomUUID()
      sendJson(res, 200, { prompt_id: promptId, number, node_errors: {} })
      // After the answer, as ComfyUI's queue does: the tab knows the id before the run ends.
      setImmediate(() => {
        executePrompt({ body, promptId, ...run }).catch((error: unknown) =>
          console.error('[playground] running a prompt failed', error)
        )
      })
      return
    }

    if (pathname === '/__playground/prompts') {
      if (req.method === 'GET')
        return sendJson(
          res,
          200,
          prompts.map((p) => p.body)
        )
      if (req.method === 'DELETE') {
        prompts.length = 0
        return sendStatus(res, 204)
      }
      return sendStatus(res, 405)
    }
    next()
  })
}
