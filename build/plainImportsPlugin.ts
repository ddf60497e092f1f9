/**
 * Replaces Vite's preload helper with a plain call, so that our `import()`s are plain imports.
 *
 * Even with `build.modulePreload: false`, Vite wraps every `import()` in a helper that carries code
 * to add `<link>` tags to the page and reports a failed import as a `vite:preloadError` event on
 * `window`. ComfyUI 1.45 cancels every such event (`App.vue`, to keep other extensions' broken
 * imports quiet), and a cancelled event makes the helper resolve the import with `undefined`
 * instead of failing: our "could not be loaded" path then met a TypeError, and ComfyUI logged the
 * failure as its own. A plain import fails as itself. The helper was also 0.7 KiB gzip of the
 * start-up file (tests/node/startupSize.test.ts checks it stays out).
 */
import type { Plugin } from 'vite'

const PRELOAD_HELPER = '\0vite/preload-helper.js'

export function plainImports(): Plugin {
  return {
    name: 'comfy-account:plain-imports',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id === PRELOAD_HELPER ? PRELOAD_HELPER : null
    },
    load(id) {
      return id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load()' : null
    }
  }
}
