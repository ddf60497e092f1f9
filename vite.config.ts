/**
 * Builds the folder ComfyUI serves at /extensions/ComfyUI-Account/ (README: "Configuration").
 *
 * - `comfyui-account.js` is the only `.js` file: ComfyUI imports every `.js` under the web folder
 *   at start-up (CONTRACTS §1), so lazily loaded chunks are emitted as `.mjs` under `lazy/`.
 * - ComfyUI's shims stay external, at the path they have next to our start-up file.
 * - `COMFY_ACCOUNT_TARGET=local|staging|production` (default production) picks the services;
 *   `COMFY_ACCOUNT_OUT_DIR` the output folder (default `web`).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

import { bootMessagesPlugin } from './build/bootMessagesPlugin.ts'

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

const shims: Record<string, string> = {
  'comfyui:app': '../../scripts/app.js',
  'comfyui:api': '../../scripts/api.js'
}

export default defineConfig(() => {
  const target = buildTarget()
  return {
    plugins: [vue(), bootMessagesPlugin(fileURLToPath(new URL('./locales', import.meta.url)))],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    define: {
      __COMFY_ACCOUNT_TARGET__: JSON.stringify(target),
      __COMFY_ACCOUNT_VERSION__: JSON.stringify(version),
      // PrimeVue's components are written with the Options API.
      __VUE_OPTIONS_API__: 'true',
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
      // No preload helper: it would inject <link> tags into ComfyUI's page.
      modulePreload: false,
      sourcemap: target !== 'production',
      minify: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
        external: Object.keys(shims),
        preserveEntrySignatures: false as const,
        output: {
          format: 'es' as const,
          entryFileNames: 'comfyui-account.js',
          chunkFileNames: 'lazy/[name]-[hash].mjs',
          assetFileNames: 'lazy/[name]-[hash][extname]',
          paths: shims
        }
      }
    }
  }
})
