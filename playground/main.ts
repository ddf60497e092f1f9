// CLI for manual use:
//   tsx playground/main.ts --extension-dir <dir> --auth-emulator-url <url> --comfy-api-url <url> \
//     [--project demo-comfy-account] [--locales-dir locales] [--port 5173] [--host 127.0.0.1] [--multi-user]
import path from 'node:path'
import { parseArgs } from 'node:util'

import { startPlayground } from './server'

const USAGE = `Usage: tsx playground/main.ts --extension-dir <dir> --auth-emulator-url <url> --comfy-api-url <url>
       [--project <firebase project id>] [--locales-dir <dir>] [--port <n>] [--host <addr>] [--multi-user]`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'extension-dir': { type: 'string' },
      'locales-dir': { type: 'string', default: 'locales' },
      'auth-emulator-url': { type: 'string' },
      'comfy-api-url': { type: 'string' },
      project: { type: 'string', default: 'demo-comfy-account' },
      port: { type: 'string', default: '5173' },
      host: { type: 'string', default: '127.0.0.1' },
      // As ComfyUI's own flag: every page asks which user you are (users alice, bob, or a new one).
      'multi-user': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const extensionDir = values['extension-dir']
  const authEmulatorUrl = values['auth-emulator-url']
  const comfyApiUrl = values['comfy-api-url']
  const port = Number(values.port)
  if (!extensionDir || !authEmulatorUrl || !comfyApiUrl || !Number.isInteger(port)) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }

  const playground = await startPlayground({
    extensionDir: path.resolve(extensionDir),
    localesDir: path.resolve(values['locales-dir']),
    localServices: { authEmulatorUrl, comfyApiUrl, firebaseProjectId: values.project },
    port,
    host: values.host,
    multiUser: values['multi-user'],
    logLevel: 'info'
  })
  console.log(`Playground: ${playground.url}`)

  const stop = (): void => {
    playground.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
