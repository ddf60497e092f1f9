/**
 * Builds the folder ComfyUI serves at /extensions/ComfyUI-Account/ (README: "Configuration").
 *
 * - `comfyui-account.js` is the only `.js` file: ComfyUI imports every `.js` under the web folder
 *   at start-up (docs/host-contract.md, "Loading"), so lazily loaded chunks are emitted as `.mjs` under `lazy/`.
 * - It imports nothing at start-up: ComfyUI's `app` and `api` are read from `window.comfyAPI`,
 *   where its shims read them too (src/host/registerAccountExtension.ts).
 * - `COMFY_ACCOUNT_TARGET=local|staging|production` (default production) picks the services;
 *   `COMFY_ACCOUNT_OUT_DIR` the output folder (default `web`).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import vueI18n from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

import { bootMessagesPlugin } from './build/bootMessagesPlugin.ts'
import { plainImports } from './build/plainImportsPlugin.ts'
import { runtimeHelpersInStartupFile } from './build/runtimeHelpersPlugin.ts'

const targets = ['local', 'staging', 'production'] as const
type Target = (typeof targets)[number]

function buildTarget(): Target {
  const wanted = process.env.COMFY_ACCOUNT_TARGET ?? 'production'
  if (!(targets as readonly string[]).includes(wanted)) {
    throw new Error(`COMFY_ACCOUNT_TARGET must be one of ${targets.join(', ')}, not "${wanted}".`)
  }
  return wanted as Target
}

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

/**
 * Chunks follow folders (README: "How it is built"):
 * - the start-up file: src/main.ts, src/host/, src/config/, src/types/ and every `startup/`
 *   folder (src/auth/startup/, src/i18n/startup/): what runs while ComfyUI starts;
 * - `account-first-paint`: src/ui/firstPaint/ and our stylesheet: the section's first state in
 *   plain DOM, drawn on the first open before Vue is there;
 * - `account-ui`: everything the section needs to run: src/ui/, src/store/, the rest of src/auth/
 *   and src/i18n/, Vue, Pinia, vue-i18n;
 * - `messages-<lang>`: our strings, one chunk per language (English too);
 * - `account-services`: src/auth/firebase/ and src/auth/comfyApi/ with the Firebase SDK and axios,
 *   most of our bytes, loading while the section is already on screen.
 */
const inStartupFolder = (id: string): boolean => /\/src\/[^/]+\/startup\//.test(id)

function isServicesModule(id: string): boolean {
  return (
    /\/node_modules\/(firebase|@firebase|axios|idb|tslib)\//.test(id) ||
    /\/src\/auth\/(firebase|comfyApi)\//.test(id)
  )
}

/** src/ui/firstPaint/ and the few modules it shares with the Vue section (no Vue among them). */
function isFirstPaintModule(id: string): boolean {
  return (
    /\/src\/ui\/firstPaint\//.test(id) ||
    /\/src\/ui\/(injectStyles\.ts|styles\.css|icons\/iconPaths\.ts)/.test(id) ||
    /\/src\/auth\/rules\/addressFacts\.ts$/.test(id)
  )
}

function isUiModule(id: string): boolean {
  if (inStartupFolder(id)) return false
  return /\/node_modules\/|^\0plugin-vue:export-helper/.test(id) || /\/src\/(ui|store|auth|i18n)\//.test(id)
}

export default defineConfig(() => {
  const target = buildTarget()
  const startupModule = fileURLToPath(new URL('./src/main.ts', import.meta.url))
  return {
    plugins: [
      vue(),
      plainImports(),
      runtimeHelpersInStartupFile(startupModule),
      bootMessagesPlugin(fileURLToPath(new URL('./locales', import.meta.url))),
      // Our UI's messages compiled at build time, so the section ships vue-i18n's runtime without
      // its message compiler and compiles nothing while it opens. Only account.json: the other
      // locale files are plain data for ComfyUI's server (and hostFacingText.ts).
      vueI18n({
        include: fileURLToPath(new URL('./locales/*/account.json', import.meta.url)),
        runtimeOnly: true,
        compositionOnly: true,
        fullInstall: false,
        strictMessage: false,
        escapeHtml: false
      })
    ],
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) }
    },
    define: {
      __COMFY_ACCOUNT_TARGET__: JSON.stringify(target),
      __COMFY_ACCOUNT_VERSION__: JSON.stringify(version),
      // Every component of ours uses <script setup>: Vue's Options API support is dead weight.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      'process.env.NODE_ENV': JSON.stringify('production')
    },
    build: {
      outDir: process.env.COMFY_ACCOUNT_OUT_DIR ?? 'web',
      emptyOutDir: true,
      target: 'es2022',
      // No preload links in ComfyUI's page, and no preload helper either (build/plainImportsPlugin.ts).
      modulePreload: false,
      sourcemap: target !== 'production',
      minify: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: startupModule,
        preserveEntrySignatures: false as const,
        output: {
          format: 'es' as const,
          entryFileNames: 'comfyui-account.js',
          // A language's strings are named after it: lazy/messages-fr-<hash>.mjs.
          chunkFileNames: (chunk) => {
            const lang = /\/locales\/([^/]+)\/account\.json$/.exec(chunk.facadeModuleId ?? '')?.[1]
            return lang ? `lazy/messages-${lang}-[hash].mjs` : 'lazy/[name]-[hash].mjs'
          },
          assetFileNames: 'lazy/[name]-[hash][extname]',
          // Two big chunks instead of a dozen small ones: each level of imports the browser only
          // discovers after parsing the previous one costs a round trip before our section can
          // show (README: Performance). Modules the start-up file needs match no group, so they
          // stay in it.
          codeSplitting: {
            // Only what the tests name: pulling in their dependencies would move code the
            // start-up file shares with them (resolveLocale, errors) out of it.
            includeDependenciesRecursively: false,
            groups: [
              { name: 'account-first-paint', test: isFirstPaintModule, priority: 3 },
              { name: 'account-services', test: isServicesModule, priority: 2 },
              { name: 'account-ui', test: isUiModule, priority: 1 }
            ]
          }
        }
      }
    }
  }
})
