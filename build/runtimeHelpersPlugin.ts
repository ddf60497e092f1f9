/**
 * Puts Rolldown's runtime helpers in the start-up file, which every lazy chunk imports anyway.
 *
 * Our lazy chunks hand namespace objects to `import()`, built by a helper (`__exportAll`) that
 * Rolldown otherwise emits as a chunk of its own, `lazy/rolldown-runtime-*.mjs`: a file the browser
 * only discovers after parsing the first-paint chunk, so the first open waited one more round
 * trip (13 ms in real ComfyUI 1.24; README: Performance). Rolldown hosts the helpers in a chunk
 * that every other user of them loads first, once that chunk uses one itself; a namespace object
 * of the start-up file is that use (about 100 bytes gzip).
 */
import type { Plugin } from 'vite'

export function runtimeHelpersInStartupFile(startupModule: string): Plugin {
  return {
    name: 'comfy-account:runtime-helpers-in-startup-file',
    apply: 'build',
    transform(code, id) {
      if (id !== startupModule) return null
      // Appended, so the source map of what is above still holds.
      const use = `\nimport * as startupFile from ${JSON.stringify(id)}\nObject.freeze(startupFile)\n`
      return { code: code + use, map: null }
    }
  }
}
