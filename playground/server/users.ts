// `/api/users`: ComfyUI's user list (comfyanonymous/ComfyUI app/user_manager.py). Started with
// `--multi-user`, the server answers the users and the frontend makes you pick one; otherwise it
// only says settings live on the server. One playground server serves both kinds of page, so a
// request counts as multi-user when the server was started so OR the host page asks for it with
// `X-Playground-Multi-User: 1` (its `?multiUser=1`).
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import { asyncMiddleware, readJson, requestUrl, sendJson, sendStatus, type Middleware } from './http'

/** User id -> username, as ComfyUI's users.json. */
export type Users = Record<string, string>

/** What a fresh server knows: ids are the usernames lowercased, so tests can name them. */
export const INITIAL_USERS: Users = { alice: 'Alice', bob: 'Bob' }

export const MULTI_USER_HEADER = 'x-playground-multi-user'

function isMultiUserRequest(req: IncomingMessage, serverMultiUser: boolean): boolean {
  return serverMultiUser || req.headers[MULTI_USER_HEADER] === '1'
}

/** ComfyUI's `add_user`: the name made path-safe plus a UUID, so two users never share a folder. */
function newUserId(username: string): string {
  return `${username.replace(/[^a-zA-Z0-9-_]+/g, '-')}_${randomUUID()}`
}

export function usersMiddleware(users: Users, serverMultiUser: boolean): Middleware {
  return asyncMiddleware(async (req, res, next) => {
    if (requestUrl(req).pathname !== '/api/users') return next()

    if (req.method === 'GET') {
      // ComfyUI's exact shapes: the frontend tells the modes apart by the `users` key.
      return isMultiUserRequest(req, serverMultiUser)
        ? sendJson(res, 200, { storage: 'server', users })
        : sendJson(res, 200, { storage: 'server', migrated: true })
    }
    if (req.method === 'POST') {
      const body = await readJson(req)
      const username =
        body.ok && typeof body.value === 'object' && body.value !== null && 'username' in body.value
          ? body.value.username
          : undefined
      const name = typeof username === 'string' ? username.trim() : ''
      if (!name) return sendStatus(res, 400, 'username not provided')
      if (Object.values(users).includes(name)) return sendJson(res, 400, { error: 'Duplicate username.' })
      const id = newUserId(name)
      users[id] = name
      // The new id as a bare JSON string, which the frontend's createUser reads.
      return sendJson(res, 200, id)
    }
    return sendStatus(res, 405)
  })
}
