/**
 * Four kinds of tests (README: "Tests"):
 * - unit: services, store and components beside their sources, in happy-dom;
 * - node: our dev servers and build helpers;
 * - e2e: integration tests against the Firebase Auth Emulator and browser tests in Chromium
 *   against the playground. tests/support/globalSetup.ts starts (and stops) every service.
 */
import { fileURLToPath } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

import { bootMessagesPlugin } from './build/bootMessagesPlugin.ts'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }
const define = {
  __COMFY_ACCOUNT_TARGET__: JSON.stringify('local'),
  __COMFY_ACCOUNT_VERSION__: JSON.stringify('0.0.0-test')
}

export default defineConfig({
  plugins: [vue(), bootMessagesPlugin(fileURLToPath(new URL('./locales', import.meta.url)))],
  resolve: { alias },
  define,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['src/**/*.test.ts', 'playground/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['dev/**/*.test.ts', 'build/**/*.test.ts', 'tests/node/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium and one emulator are shared; files take turns.
          fileParallelism: false
        }
      }
    ]
  }
})
