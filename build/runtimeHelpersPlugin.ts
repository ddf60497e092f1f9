/**
 * Puts Rolldown's runtime helpers in the start-up file, which every code chunk imports anyway.
 *
 * Our lazy chunks hand namespace objects to `import()`, built by a helper (`__exportAll`) that
 * Rolldown otherwise emits as a chunk of its own, `lazy/rolldown-runtime-*.mjs`: a file the browser
 * only discovers after parsing the first-paint chunk, so the first open waited one more round
 * trip (25 ms in real ComfyUI 1.24 and 1.45; README: Performance). Rolldown hosts the helpers in a
 * chunk that every other user of them loads first, once that chunk uses one itself; a namespace
 * object of the start-up file is that use (about 100 bytes gzip).
 */
import { normalizePath, type Plugin } from 'vite'

export function runtimeHelpersInStartupFile(startupModule: string): Plugin {
  const startup = normalizePath(startupModule)
  // Not reset per build: a watch rebuild may take main.ts from its cache, untransformed again.
  let found = false
  return {
    name: 'comfy-account:runtime-helpers-in-startup-file',
    apply: 'build',
    transform(code, id) {
      if (normalizePath(id) !== startup) return null
      found = true
      // Appended, so the source map of what is above still holds. Any use of the namespace that
      // tree-shaking keeps will do; main.ts exports nothing, so freezing it changes nothing.
      const use = `\nimport * as startupFile from ${JSON.stringify(id)}\nObject.freeze(startupFile)\n`
      return { code: code + use, map: null }
    },
    buildEnd(error) {
      if (!error && !found)
        this.error(`${startupModule} was never built: the runtime helpers would get a chunk again.`)
    }
  }
}
