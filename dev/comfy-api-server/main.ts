/**
 * Runs the local Comfy API for the demo:
 *
 *   tsx dev/comfy-api-server/main.ts --port 18188 --project demo-comfy-account --auth-emulator 127.0.0.1:9099
 *
 * --port           default 18188 (0 picks a free port)
 * --page-port      port of a page (the playground) that may call it from a browser, on a loopback
 *                  or *.test name; repeat for several; default 5173 (the playground's)
 * --host           default 127.0.0.1
 * --project        Firebase project id whose ID tokens are accepted; default demo-comfy-account
 * --auth-emulator  host:port of the Firebase Auth Emulator; default $FIREBASE_AUTH_EMULATOR_HOST
 *                  (set by `firebase emulators:exec`); without it, token claims alone are checked
 * --quiet          no per-request log lines
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startComfyApiServer } from './server'

const usage = `Usage: tsx dev/comfy-api-server/main.ts [--port 18188] [--host 127.0.0.1]
       [--page-port 5173 ...] [--project demo-comfy-account] [--auth-emulator 127.0.0.1:9099] [--quiet]`

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) fail(`--port must be a number from 0 to 65535, got "${text}".`)
  return port
}

function parseCli() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '18188' },
        'page-port': { type: 'string', multiple: true, default: ['5173'] },
        host: { type: 'string', default: '127.0.0.1' },
        project: { type: 'string', default: 'demo-comfy-account' },
        'auth-emulator': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true
    }).values
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

async function main(): Promise<void> {
  const values = parseCli()
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return
  }

  const authEmulatorHost = values['auth-emulator'] ?? process.env['FIREBASE_AUTH_EMULATOR_HOST']
  const server = await startComfyApiServer({
    port: parsePort(values.port),
    host: values.host,
    allowedOriginPorts: values['page-port'].map(parsePort),
    firebaseProjectId: values.project,
    ...(authEmulatorHost ? { authEmulatorHost } : {}),
    ...(values.quiet
      ? {}
      : { log: (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) })
  })

  process.stdout.write(`Comfy API (local): ${server.url}\n`)
  process.stdout.write(`Demo API key: ${server.demoKey}\n`)
  process.stdout.write(`Browser pages allowed on port(s): ${values['page-port'].join(', ')}\n`)
  // Only a local terminal sees it; /__control/* refuses every caller without it.
  process.stdout.write(`/__control/* secret (X-Control-Secret): ${server.controlSecret}\n`)
  process.stdout.write(
    authEmulatorHost
      ? `ID tokens of project "${values.project}" are confirmed with the Auth Emulator at ${authEmulatorHost}.\n`
      : `No Auth Emulator given: any unsigned token with project "${values.project}" claims is accepted.\n`
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now", even if a connection refuses to go.
    if (stopping) process.exit(130)
    stopping = true
    process.stdout.write(`${signal}: stopping the local Comfy API\n`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  process.stderr.write(
    code === 'EADDRINUSE'
      ? 'The port is taken; is another local Comfy API running? Pick one with --port.\n'
      : `Could not start the local Comfy API: ${error instanceof Error ? error.message : String(error)}\n`
  )
  process.exit(1)
})
