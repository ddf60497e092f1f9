// The playground: a small ComfyUI-like host page served by Vite, plus middlewares that emulate the
// parts of the ComfyUI server an extension meets (docs/host-contract.md). `npm start` and the browser
// tests both go through `startPlayground`.
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { build, createServer, preview, type Plugin } from 'vite'

import { extensionFilesMiddleware, extensionListMiddleware, scriptShimMiddleware } from './server/extensions'
import { sendJson, sendStatus, requestUrl, type Middleware } from './server/http'
import { i18nMiddleware } from './server/i18n'
import { NODE_DEFS } from './server/objectInfo'
import { createClientEvents } from './server/execution'
import { promptMiddleware, type ReceivedPrompt } from './server/prompts'
import { createUserSettings, settingsMiddleware, type SettingsFor } from './server/settings'
import { INITIAL_USERS, usersMiddleware, type Users } from './server/users'

export type { QueuePromptBody, ReceivedPrompt } from './server/prompts'

/** Where the extension's local/dev build finds its services (read from `window.__COMFY_ACCOUNT_LOCAL__`). */
export interface LocalServices {
  authEmulatorUrl: string
  comfyApiUrl: string
  firebaseProjectId: string
}

export interface PlaygroundOptions {
  /** @default 0 (a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** The built extension folder (our Vite build output), served at `/extensions/ComfyUI-Account/`. */
  extensionDir: string
  /** Our repo's `locales/` folder (`<lang>/main.json`, `settings.json`, `commands.json`, `nodeDefs.json`). */
  localesDir: string
  localServices: LocalServices
  /** Setting values the server starts with, as if read from comfy.settings.json. @default {} */
  initialSettings?: Record<string, unknown>
  /** Vite's log level; tests want quiet. @default 'warn' */
  logLevel?: 'info' | 'warn' | 'error' | 'silent'
  /**
   * Serve the host as a production build, as ComfyUI ships its frontend: a few minified files
   * instead of ~90 dev-server modules. `npm run bench` uses it, so a boot is timed against a host
   * as fast as the real one; the default dev server recompiles on edits. @default false
   */
  builtHost?: boolean
  /**
   * Behave like ComfyUI started with `--multi-user` for every page: `GET /api/users` lists the
   * users, so the host asks for one. Off, a page still gets that with `?multiUser=1`. @default false
   */
  multiUser?: boolean
}

export interface Playground {
  /** Base URL of the host page, ending in `/`. */
  url: string
  /** Every body received on `POST /api/prompt`, oldest first (also `GET /__playground/prompts`). */
  prompts: ReceivedPrompt[]
  /** The server's live single-user setting values (also `GET /api/settings` without `Comfy-User`). */
  settings: Record<string, unknown>
  /** One user's live setting values (`''`: the single-user map); undefined for an unknown user. */
  settingsFor: SettingsFor
  close(): Promise<void>
}

const playgroundDir = path.dirname(fileURLToPath(import.meta.url))

/**
 * The local stand-in for https://apis.google.com/js/api.js that Firebase's popup sign-in needs
 * (see the file). index.html loads it from `public/`; the Auth Emulator proxy serves it to the
 * emulator's helper iframe.
 */
export const GAPI_STANDIN_PATH = path.join(playgroundDir, 'public', 'gapi-standin.js')

/** Dependencies of the host page, pre-bundled at start so the first page load never triggers a reload. */
const HOST_DEPS = [
  'vue',
  'firebase/app',
  'firebase/auth',
  'vue-i18n',
  '@vueuse/core',
  '@primeuix/themes',
  '@primeuix/themes/aura',
  'primevue/config',
  'primevue/button',
  'primevue/checkbox',
  'primevue/dialog',
  'primevue/divider',
  'primevue/inputnumber',
  'primevue/inputtext',
  'primevue/listbox',
  'primevue/select',
  'primevue/tag',
  'primevue/toast',
  'primevue/toastservice',
  'primevue/toggleswitch',
  'primevue/usetoast'
]

function route(method: string, pathname: string, handler: Middleware): Middleware {
  return (req, res, next) => {
    if (req.method !== method || requestUrl(req).pathname !== pathname) return next()
    handler(req, res, next)
  }
}

/** Serialises a value for an inline `<script>`: `<` escaped so no string can close the tag. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function comfyServerEmulator(options: {
  extensionDir: string
  localesDir: string
  localServices: LocalServices
  prompts: ReceivedPrompt[]
  users: Users
  multiUser: boolean
  settingsFor: SettingsFor
  clearSettings(): void
}): Plugin {
  const { extensionDir, localesDir, localServices, prompts, users, multiUser, settingsFor, clearSettings } =
    options
  const events = createClientEvents()
  const routes: Middleware[] = [
    extensionListMiddleware(extensionDir),
    extensionFilesMiddleware(extensionDir),
    scriptShimMiddleware(),
    i18nMiddleware(localesDir),
    usersMiddleware(users, multiUser),
    settingsMiddleware(settingsFor),
    route('GET', '/api/object_info', (_req, res) => sendJson(res, 200, NODE_DEFS)),
    // ComfyUI's server version is `system.comfyui_version` here.
    route('GET', '/api/system_stats', (_req, res) =>
      sendJson(res, 200, { system: { comfyui_version: 'playground', os: 'posix' }, devices: [] })
    ),
    // `?coop=<value>`: the page comes with that Cross-Origin-Opener-Policy header, as a server or
    // proxy in front of ComfyUI may send it (it cuts Google/GitHub's popup off from the page).
    (req, res, next) => {
      const coop = requestUrl(req).searchParams.get('coop')
      if (coop) res.setHeader('Cross-Origin-Opener-Policy', coop)
      next()
    },
    promptMiddleware(prompts, { comfyApiUrl: localServices.comfyApiUrl, events }),
    events.middleware,
    route('DELETE', '/__playground/settings', (_req, res) => {
      clearSettings()
      sendStatus(res, 204)
    }),
    // Anything else under these prefixes is the server's, not the SPA's: answer 404 like
    // ComfyUI instead of letting Vite's SPA fallback reply with index.html.
    (req, res, next) => {
      const { pathname } = requestUrl(req)
      const serverOwned = ['/api/', '/extensions/', '/scripts/', '/__playground/'].some((p) =>
        pathname.startsWith(p)
      )
      if (serverOwned) sendStatus(res, 404, 'Not Found')
      else next()
    }
  ]
  return {
    name: 'comfyui-server-emulator',
    // Registered directly (not from a returned function) so they run before Vite's own
    // middlewares: extension files must reach the browser untransformed, as ComfyUI serves them.
    configureServer(server) {
      for (const middleware of routes) server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      for (const middleware of routes) server.middlewares.use(middleware)
    },
    transformIndexHtml: {
      order: 'post', // after Vite's own tags, so head-prepend puts this one first
      handler: () => [
        {
          tag: 'script',
          // Classic inline script: runs during parsing, before every module script (Vite's client too).
          children: `window.__COMFY_ACCOUNT_LOCAL__ = ${inlineJson(localServices)}`,
          injectTo: 'head-prepend'
        }
      ]
    }
  }
}

/** The HTTP server's base URL, ending in `/`. */
function baseUrl(httpServer: { address(): AddressInfo | string | null } | null, host: string): string {
  const address = httpServer?.address()
  if (!address || typeof address === 'string') {
    throw new Error('The playground server did not report a TCP address.')
  }
  const urlHost = host.includes(':') ? `[${host}]` : host
  return `http://${urlHost}:${address.port}/`
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const {
    port = 0,
    host = '127.0.0.1',
    extensionDir,
    localesDir,
    localServices,
    initialSettings = {},
    logLevel = 'warn',
    builtHost = false,
    multiUser = false
  } = options
  const prompts: ReceivedPrompt[] = []
  // Users are server-wide, shared by single- and multi-user pages; POST /api/users adds to them.
  const users: Users = { ...INITIAL_USERS }
  const { single: settings, settingsFor, clear: clearSettings } = createUserSettings(initialSettings, users)
  const shared = {
    configFile: false as const,
    envDir: false as const,
    root: playgroundDir,
    appType: 'spa' as const,
    logLevel,
    clearScreen: false,
    plugins: [
      vue(),
      comfyServerEmulator({
        extensionDir: path.resolve(extensionDir),
        localesDir: path.resolve(localesDir),
        localServices,
        prompts,
        users,
        multiUser,
        settingsFor,
        clearSettings
      })
    ]
  }
  // Browser tests open the page as e.g. http://comfy.test:<port>/ (mapped to 127.0.0.1) to see
  // what users on a LAN address see, and as comfy.invalid for an address the local Comfy API
  // does not answer (as a proxy that drops its CORS headers). `.test` and `.invalid` are reserved
  // (RFC 2606), so no public name can rebind to this server.
  const listen = { host, port, strictPort: true, allowedHosts: ['.test', '.invalid'] }

  if (builtHost) {
    const outDir = await mkdtemp(path.join(tmpdir(), 'comfy-playground-host-'))
    const removeOutDir = () => rm(outDir, { recursive: true, force: true })
    try {
      await build({
        ...shared,
        // One big host chunk is what we want here: ComfyUI ships its frontend much the same way.
        build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 }
      })
      const server = await preview({ ...shared, build: { outDir }, preview: listen })
      const close = async () => {
        await server.close()
        await removeOutDir()
      }
      try {
        return { url: baseUrl(server.httpServer, host), prompts, settings, settingsFor, close }
      } catch (error) {
        await close()
        throw error
      }
    } catch (error) {
      await removeOutDir()
      throw error
    }
  }

  const server = await createServer({
    ...shared,
    // Shared by every playground instance; Vite writes it atomically.
    cacheDir: path.resolve(playgroundDir, '../node_modules/.vite-playground'),
    optimizeDeps: { include: HOST_DEPS },
    server: listen
  })
  await server.listen()
  try {
    return {
      url: baseUrl(server.httpServer, host),
      prompts,
      settings,
      settingsFor,
      close: () => server.close()
    }
  } catch (error) {
    await server.close()
    throw error
  }
}
