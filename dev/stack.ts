/**
 * Everything the demo and the end-to-end tests run on, started together on free ports:
 * the Firebase Auth Emulator, our local Comfy API server, the extension built for those local
 * services, and the ComfyUI-like playground that loads it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { GAPI_STANDIN_PATH, startPlayground, type Playground } from '../playground/server'
import { startComfyApiServer, type ComfyApiServer } from './comfy-api-server/server'
import { startAuthEmulator, type AuthEmulator } from './services/authEmulator'
import { startAuthEmulatorProxy } from './services/authEmulatorProxy'
import { buildLocalExtension, watchLocalExtension } from './services/buildExtension'
import { freePort } from './services/freePort'

export interface Stack {
  /** The emulator itself: admin REST calls (wipe, oobCodes) go here. */
  emulator: AuthEmulator
  /**
   * What the browser uses as the emulator: a proxy that serves its popup helper with a local gapi
   * stand-in, so Google/GitHub sign-in works offline (dev/services/authEmulatorProxy.ts).
   */
  authUrl: string
  comfyApi: ComfyApiServer
  playground: Playground
  extensionDir: string
  close(): Promise<void>
}

export interface StackOptions {
  /** Rebuild the extension on source changes (npm start). @default false */
  watch?: boolean
  /** Fixed ports for the demo; free ports otherwise. */
  ports?: { playground?: number; comfyApi?: number; authEmulator?: number }
  /** Print the services' own output. @default false */
  verbose?: boolean
  /** Serve the playground host as a production build (`npm run bench`). @default false */
  builtHost?: boolean
}

const localesDir = fileURLToPath(new URL('../locales', import.meta.url))

export async function startStack({
  watch = false,
  ports = {},
  verbose = false,
  builtHost = false
}: StackOptions = {}): Promise<Stack> {
  const extensionDir = mkdtempSync(join(tmpdir(), 'comfy-account-ext-'))
  const closers: Array<() => Promise<void> | void> = [
    () => rmSync(extensionDir, { recursive: true, force: true })
  ]
  const close = async () => {
    for (const closer of closers.reverse()) await closer()
  }
  try {
    const [emulator] = await Promise.all([
      startAuthEmulator({ port: ports.authEmulator, verbose }),
      buildLocalExtension(extensionDir)
    ])
    closers.push(() => emulator.stop())
    const authProxy = await startAuthEmulatorProxy({
      target: emulator.url,
      gapiStandinPath: GAPI_STANDIN_PATH
    })
    closers.push(() => authProxy.close())
    if (watch) {
      const watcher = watchLocalExtension(extensionDir)
      closers.push(() => void watcher.kill())
    }
    // Known before the Comfy API starts: its pages are the only ones it lets call it from a browser.
    const playgroundPort = ports.playground ?? (await freePort())
    const comfyApi = await startComfyApiServer({
      port: ports.comfyApi ?? 0,
      allowedOriginPorts: [playgroundPort],
      firebaseProjectId: emulator.projectId,
      authEmulatorHost: emulator.host,
      log: verbose ? (line) => console.log(`[comfy-api] ${line}`) : undefined
    })
    closers.push(() => comfyApi.close())
    const playground = await startPlayground({
      port: playgroundPort,
      extensionDir,
      localesDir,
      builtHost,
      localServices: {
        authEmulatorUrl: authProxy.url,
        comfyApiUrl: comfyApi.url,
        firebaseProjectId: emulator.projectId
      }
    })
    closers.push(() => playground.close())
    return { emulator, authUrl: authProxy.url, comfyApi, playground, extensionDir, close }
  } catch (error) {
    await close()
    throw error
  }
}
