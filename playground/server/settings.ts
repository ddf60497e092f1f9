// `/api/settings`: ComfyUI keeps one JSON file of setting values per user (comfy.settings.json);
// the playground keeps them in memory for the server's lifetime, so they survive page reloads.
// Upstream: comfyanonymous/ComfyUI app/user_manager.py + app/app_settings.py.
import { asyncMiddleware, readJson, requestUrl, sendJson, sendStatus, type Middleware } from './http'

const PREFIX = '/api/settings'

/**
 * The settings map of the user a request names in `Comfy-User`; undefined for an unknown user.
 * `''` (or no header: single-user pages, tests' own fetches) is the single-user map.
 */
export type SettingsFor = (userId: string) => Record<string, unknown> | undefined

/**
 * Every user's settings, created on first use from `initial` (as if each comfy.settings.json held
 * those values). `single` is the single-user map, also `Playground.settings`.
 */
export function createUserSettings(
  initial: Record<string, unknown>,
  users: Readonly<Record<string, string>>
): { single: Record<string, unknown>; settingsFor: SettingsFor; clear(): void } {
  const single: Record<string, unknown> = { ...initial }
  const byUser = new Map<string, Record<string, unknown>>()
  const settingsFor: SettingsFor = (userId) => {
    if (userId === '') return single
    if (!Object.hasOwn(users, userId)) return undefined
    let settings = byUser.get(userId)
    if (!settings) byUser.set(userId, (settings = { ...initial }))
    return settings
  }
  const clear = () => {
    for (const settings of [single, ...byUser.values()]) {
      for (const key of Object.keys(settings)) delete settings[key]
    }
  }
  return { single, settingsFor, clear }
}

export function settingsMiddleware(settingsFor: SettingsFor): Middleware {
  return asyncMiddleware(async (req, res, next) => {
    const { pathname } = requestUrl(req)
    if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return next()
    const id = pathname === PREFIX ? undefined : decodeURIComponent(pathname.slice(PREFIX.length + 1))
    const header = req.headers['comfy-user']
    const settings = settingsFor(typeof header === 'string' ? header : '')
    // ComfyUI answers an unknown user with 401 ("User settings not found.").
    if (!settings) return sendStatus(res, 401, 'Unauthorized')

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
