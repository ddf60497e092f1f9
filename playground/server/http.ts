// Small helpers shared by the emulated ComfyUI routes (plain Node http, as Vite's Connect stack gives us).
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Connect-style middleware, as registered on `server.middlewares`. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void

/** Upper bound for request bodies: a workflow can be large, a runaway client should not fill memory. */
const MAX_BODY_BYTES = 20 * 1024 * 1024

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(body)
}

export function sendStatus(res: ServerResponse, status: number, text = ''): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(text)
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Parses a JSON request body whatever its Content-Type: ComfyUI's frontend posts settings
 * without one (`api.storeSetting`), and aiohttp's `request.json()` does not care either.
 */
export async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await readBody(req)) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Path and query of a request; Connect hands us the raw `req.url`. */
export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://playground.invalid')
}

/** Wraps an async handler so a rejection reaches Connect's error handling instead of nowhere. */
export function asyncMiddleware(
  handler: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => Promise<void>
): Middleware {
  return (req, res, next) => {
    handler(req, res, next).catch(next)
  }
}
