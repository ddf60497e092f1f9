// `GET /api/i18n`: ComfyUI's server merges every custom node's `locales/<lang>/` into one object.
// Upstream: comfyanonymous/ComfyUI app/custom_node_manager.py, `build_translations`.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import { asyncMiddleware, requestUrl, sendJson, type Middleware } from './http'

type Json = Record<string, unknown>

/** Files merged under their own key; `main.json` is spread at the top level of the language. */
const EXTRA_LOCALE_FILES = ['nodeDefs.json', 'commands.json', 'settings.json'] as const

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Like ComfyUI's `merge_json_recursive`: objects merge key by key, anything else replaces. */
export function mergeJsonRecursive(base: Json, update: Json): Json {
  const result: Json = { ...base }
  for (const [key, value] of Object.entries(update)) {
    const current = result[key]
    result[key] = isObject(current) && isObject(value) ? mergeJsonRecursive(current, value) : value
  }
  return result
}

/** Like `safe_load_json_file`: a missing or broken file counts as `{}` (and is logged). */
async function loadJson(file: string): Promise<Json | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined // missing: skipped
  }
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : {}
  } catch (error) {
    console.error(`[playground] Error loading ${file}:`, error)
    return {}
  }
}

/** `{ <lang>: { ...main, nodeDefs, commands, settings } }` for one package's `locales/` folder. */
export async function buildTranslations(localesDir: string): Promise<Record<string, Json>> {
  const translations: Record<string, Json> = {}
  let langs
  try {
    langs = await readdir(localesDir, { withFileTypes: true })
  } catch {
    return translations
  }
  for (const lang of langs) {
    if (!lang.isDirectory() || lang.name.startsWith('.')) continue
    const dir = path.join(localesDir, lang.name)
    // ComfyUI creates the language entry even when the folder holds none of the files.
    let merged: Json = {}
    const main = await loadJson(path.join(dir, 'main.json'))
    if (main) merged = mergeJsonRecursive(merged, main)
    for (const file of EXTRA_LOCALE_FILES) {
      const data = await loadJson(path.join(dir, file))
      // Python's `if json_data:` skips an empty object.
      if (data && Object.keys(data).length > 0) {
        merged = mergeJsonRecursive(merged, { [file.slice(0, -'.json'.length)]: data })
      }
    }
    translations[lang.name] = merged
  }
  return translations
}

/**
 * Built on the first request and kept until the server restarts, as ComfyUI's
 * `@lru_cache(maxsize=1)` does: a page load costs the host no file reads.
 */
export function i18nMiddleware(localesDir: string): Middleware {
  let translations: Promise<Record<string, Json>> | undefined
  return asyncMiddleware(async (req, res, next) => {
    if (req.method !== 'GET' || requestUrl(req).pathname !== '/api/i18n') return next()
    translations ??= buildTranslations(localesDir)
    sendJson(res, 200, await translations)
  })
}
