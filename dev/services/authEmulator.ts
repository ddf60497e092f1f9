/**
 * Starts the Firebase Auth Emulator from the project's own firebase-tools, offline: a demo-*
 * project id, no UI, CI=true (no update check), every port of the suite chosen free.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { emulatorAdmin, type EmulatorAdmin } from './emulatorAdmin'
import { freePort } from './freePort'

export interface AuthEmulator extends EmulatorAdmin {
  /** e.g. http://127.0.0.1:9099 */
  url: string
  host: string
  projectId: string
  stop(): Promise<void>
}

export interface AuthEmulatorOptions {
  /** @default 'demo-comfy-account' */
  projectId?: string
  /** @default a free port */
  port?: number
  /** @default 120000 (a busy 2-core machine can need it) */
  startTimeoutMs?: number
  /** Print the emulator's output (for `npm start`). @default false */
  verbose?: boolean
}

const firebaseBin = () =>
  fileURLToPath(new URL('../../node_modules/firebase-tools/lib/bin/firebase.js', import.meta.url))

async function waitUntilReady(
  url: string,
  deadline: number,
  exited: () => string | undefined
): Promise<void> {
  for (;;) {
    const exit = exited()
    if (exit) throw new Error(`The Auth Emulator exited before it was ready:\n${exit}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The Auth Emulator did not answer at ${url} in time.`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export async function startAuthEmulator({
  projectId = 'demo-comfy-account',
  port,
  startTimeoutMs = 120_000,
  verbose = false
}: AuthEmulatorOptions = {}): Promise<AuthEmulator> {
  const [authPort, hubPort, loggingPort] = await Promise.all([port ?? freePort(), freePort(), freePort()])
  const dir = mkdtempSync(join(tmpdir(), 'comfy-account-emulator-'))
  const host = `127.0.0.1:${authPort}`
  writeFileSync(
    join(dir, 'firebase.json'),
    JSON.stringify({
      emulators: {
        auth: { host: '127.0.0.1', port: authPort },
        hub: { host: '127.0.0.1', port: hubPort },
        logging: { host: '127.0.0.1', port: loggingPort },
        ui: { enabled: false },
        singleProjectMode: true
      }
    })
  )

  const child = spawn(
    process.execPath,
    [firebaseBin(), 'emulators:start', '--only', 'auth', '--project', projectId],
    {
      cwd: dir,
      env: { ...process.env, CI: 'true', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true' },
      stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'],
      detached: true
    }
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let exitCode: number | null | undefined
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code
      resolve()
    })
  )

  async function stop(): Promise<void> {
    if (exitCode === undefined && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }, 5000)
      await exited
      clearTimeout(killer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  const url = `http://${host}`
  try {
    await waitUntilReady(url, Date.now() + startTimeoutMs, () =>
      exitCode === undefined ? undefined : `exit code ${exitCode}\n${output}`
    )
  } catch (error) {
    await stop()
    throw error
  }

  return { url, host, projectId, ...emulatorAdmin(url, projectId), stop }
}
