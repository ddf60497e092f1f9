// `/api/settings`: ComfyUI keeps one JSON file of setting values per user (comfy.settings.json);
// the playground keeps them in memory for the server's lifetime, so they survive page reloads.
// Upstream: comfyanonymous/ComfyUI app/user_manager.py + app/app_settings.py.
import { asyncMiddleware, readJson, requestUrl, sendJson, sendStatus, type Middleware } from './http'

const PREFIX = '/api/settings'

export function settingsMiddleware(settings: Record<string, unknown>): Middleware {
  return asyncMiddleware(async (req, res, next) => {
    const { pathname } = requestUrl(req)
    if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return next()
    const id = pathname === PREFIX ? undefined : decodeURIComponent(pathname.slice(PREFIX.length + 1))

    if (req.method === 'GET') {
      // ComfyUI answers `null` for an unknown id, not 404.
      return sendJson(res, 200, id === undefined ? settings : (settings[id] ?? null))
    }
    if (req.method === 'POST') {
      const body = await readJson(req)
      if (!body.ok) return sendStatus(res, 400, 'Invalid JSON')
      if (id !== undefined) settings[id] = body.value
      else if (typeof body.value === 'object' && body.value !== null) Object.assign(settings, body.value)
      else return sendStatus(res, 400, 'Expected an object')
      return sendStatus(res, 200)
    }
    return sendStatus(res, 405)
  })
}
