/**
 * Builds the extension for the local services (emulator + local Comfy API), as a child process
 * so the build sees exactly the environment a user's `COMFY_ACCOUNT_TARGET=local` build would.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const viteBin = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url))

function viteBuild(outDir: string, extraArgs: string[], quiet: boolean): ChildProcess {
  return spawn(process.execPath, [viteBin, 'build', '--logLevel', quiet ? 'error' : 'info', ...extraArgs], {
    cwd: root,
    env: { ...process.env, COMFY_ACCOUNT_TARGET: 'local', COMFY_ACCOUNT_OUT_DIR: outDir },
    stdio: ['ignore', 'inherit', 'inherit']
  })
}

export function buildLocalExtension(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    viteBuild(outDir, [], true).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))
    )
  })
}

/** Rebuilds on every source change, for `npm start`. */
export function watchLocalExtension(outDir: string): ChildProcess {
  return viteBuild(outDir, ['--watch'], false)
}

/**
 * A production build (the default target, what `npm run build` and releases ship), for the
 * start-up size guard (tests/node/startupSize.test.ts) and `npm run bench`. The target is set
 * explicitly so a `COMFY_ACCOUNT_TARGET` left in the caller's environment cannot change what is
 * measured.
 */
export function buildProductionExtension(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn(process.execPath, [viteBin, 'build', '--logLevel', 'error'], {
      cwd: root,
      env: { ...process.env, COMFY_ACCOUNT_TARGET: 'production', COMFY_ACCOUNT_OUT_DIR: outDir },
      stdio: ['ignore', 'inherit', 'inherit']
    })
      .on('error', reject)
      .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
  })
}
