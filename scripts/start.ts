/**
 * `npm start`: the demo. Starts the Firebase Auth Emulator, our local Comfy API and the
 * ComfyUI-like playground with the extension rebuilt on every change. Ctrl-C stops them all.
 */
import { startStack } from '../dev/stack'

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

const stack = await startStack({
  watch: true,
  ports: {
    playground: port('PLAYGROUND_PORT', 5173),
    comfyApi: port('COMFY_API_PORT', 18188),
    authEmulator: port('AUTH_EMULATOR_PORT', 9099)
  }
})

console.log(`
  ComfyUI-Account demo is running:

    Playground (open this):   ${stack.playground.url}
    Firebase Auth Emulator:   ${stack.emulator.url}
    Comfy API (local):        ${stack.comfyApi.url}
    Demo Comfy API key:       ${stack.comfyApi.demoKey}

  Open Settings (gear) → User, then "Create an account" (any address: nothing is mailed),
  or paste the demo key in the "Comfy API key" tab.
  Ctrl-C stops everything.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130)
    stopping = true
    console.log('\nStopping…')
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  })
}
