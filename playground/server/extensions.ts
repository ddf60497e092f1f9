// The two routes through which ComfyUI hands a custom node's web folder to the frontend.
// Upstream: comfyanonymous/ComfyUI server.py, `get_extensions` and the `/extensions/<name>` static route.
import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

import { asyncMiddleware, requestUrl, sendJson, sendStatus, type Middleware } from './http'

/** The folder name ComfyUI would see in `custom_nodes/`, hence the URL prefix. */
export const EXTENSION_NAME = 'ComfyUI-Account'
export const EXTENSION_URL_PREFIX = `/extensions/${EXTENSION_NAME}/`

/**
 * Content types we serve. ComfyUI serves any file with Python's MIME table; the playground only
 * knows what a Vite build emits, and answers 404 for the rest so a stray file is noticed.
 * `.mjs` is served as JavaScript (Python does too) but, like ComfyUI, never auto-imported.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

/**
 * Every `*.js` file under `dir`, recursively, as paths relative to it with `/` separators.
 * Mirrors Python's `glob('**\/*.js', recursive=True)`: hidden files and folders are skipped,
 * the match is case-sensitive, and `.mjs`/`.cjs` do not match.
 */
export async function listJsFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return [] // no build yet: ComfyUI lists nothing for a missing folder either
  }
  // All at once, not one stat after another: ComfyUI answers this on every page load, quickly.
  const found = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map(async (entry): Promise<string[]> => {
        const full = path.join(dir, entry.name)
        const relative = prefix + entry.name
        // glob follows symlinks, so resolve them with stat rather than trusting the dirent type.
        const info = await stat(full).catch(() => undefined)
        if (info?.isDirectory()) return listJsFiles(full, `${relative}/`)
        return info?.isFile() && entry.name.endsWith('.js') ? [relative] : []
      })
  )
  return found.flat().sort()
}

/** `GET /api/extensions`: the URLs the frontend `import()`s at start-up, read at request time. */
export function extensionListMiddleware(extensionDir: string): Middleware {
  return asyncMiddleware(async (req, res, next) => {
    if (req.method !== 'GET' || requestUrl(req).pathname !== '/api/extensions') return next()
    const files = await listJsFiles(extensionDir)
    sendJson(
      res,
      200,
      files.map((file) => EXTENSION_URL_PREFIX + file)
    )
  })
}

/** `GET /extensions/ComfyUI-Account/**`: the build output, raw (no Vite transform), never cached. */
export function extensionFilesMiddleware(extensionDir: string): Middleware {
  const root = path.resolve(extensionDir)
  return asyncMiddleware(async (req, res, next) => {
    const { pathname } = requestUrl(req)
    if (!pathname.startsWith(EXTENSION_URL_PREFIX)) return next()
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405)

    let relative: string
    try {
      relative = decodeURIComponent(pathname.slice(EXTENSION_URL_PREFIX.length))
    } catch {
      return sendStatus(res, 400)
    }
    const file = path.resolve(root, relative)
    // Refuse anything that escapes the folder (`..`, encoded or not).
    if (file !== root && !file.startsWith(root + path.sep)) return sendStatus(res, 404)
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()]
    const info = await stat(file).catch(() => undefined)
    if (!type || !info?.isFile()) return sendStatus(res, 404, 'Not Found')

    res.statusCode = 200
    res.setHeader('Content-Type', type)
    res.setHeader('Content-Length', String(info.size))
    res.setHeader('Cache-Control', 'no-store')
    if (req.method === 'HEAD') return void res.end()
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).on('end', resolve).pipe(res)
    })
  })
}

/**
 * `GET /scripts/app.js` and `/scripts/api.js`: the shims real ComfyUI serves so an extension can
 * `import { app } from '../../scripts/app.js'`. They read `window.comfyAPI` at import time, which
 * is why the host fills it before importing any extension.
 */
const SHIMS: Record<string, string> = {
  '/scripts/app.js': [
    '// Shim for scripts/app.ts (as served by ComfyUI)',
    'export const ComfyApp = window.comfyAPI.app.ComfyApp;',
    'export const app = window.comfyAPI.app.app;',
    ''
  ].join('\n'),
  '/scripts/api.js': [
    '// Shim for scripts/api.ts (as served by ComfyUI)',
    'export const ComfyApi = window.comfyAPI.api.ComfyApi;',
    'export const api = window.comfyAPI.api.api;',
    ''
  ].join('\n')
}

export function scriptShimMiddleware(): Middleware {
  return (req, res, next) => {
    const shim = SHIMS[requestUrl(req).pathname]
    if (req.method !== 'GET' || shim === undefined) return next()
    res.statusCode = 200
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.end(shim)
  }
}
