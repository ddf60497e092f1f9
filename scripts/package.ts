/**
 * `npm run package`: a production build packed as `dist/ComfyUI-Account-<version>.zip`, ready to
 * unzip into `ComfyUI/custom_nodes/` (the archive's top folder becomes the extension's URL name).
 *
 * The build goes to a fresh temporary folder, not to `web/`: tests and the playground may be
 * serving `web/` (possibly a local-target build) while this runs. `comfy node publish` packs the
 * repository's own `web/`, which the release workflow builds separately.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { createZip } from './zip.ts'
import type { ZipEntry } from './zip.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const folder = 'ComfyUI-Account'
const rootFiles = ['__init__.py', 'pyproject.toml', 'README.md', 'LICENSE']

export interface PackageResult {
  file: string
  entries: string[]
}

export async function buildPackage({ outDir }: { outDir: string }): Promise<PackageResult> {
  // Fail before the minute-long build if the archive could not be complete anyway.
  const missing = rootFiles.filter((name) => !existsSync(join(root, name)))
  if (missing.length > 0) {
    throw new Error(`Cannot package: ${missing.join(', ')} missing at the repository root (${root}).`)
  }
  const version = await checkedVersion()

  const stage = await mkdtemp(join(tmpdir(), 'comfyui-account-web-'))
  try {
    const webDir = join(stage, 'web')
    await run('npx', ['vite', 'build'], {
      COMFY_ACCOUNT_TARGET: 'production',
      COMFY_ACCOUNT_OUT_DIR: webDir
    })
    if (!existsSync(join(webDir, 'comfyui-account.js'))) {
      throw new Error(`The build did not write comfyui-account.js into ${webDir}.`)
    }

    const entries: ZipEntry[] = []
    for (const name of rootFiles) entries.push(await entry(name, join(root, name)))
    // Source maps stay out: they would ship our sources and double the download.
    for (const file of await listFiles(webDir)) {
      if (!file.endsWith('.map')) entries.push(await entry(`web/${toPosix(relative(webDir, file))}`, file))
    }
    const localesDir = join(root, 'locales')
    for (const file of await listFiles(localesDir)) {
      entries.push(await entry(`locales/${toPosix(relative(localesDir, file))}`, file))
    }

    const zip = createZip(entries)
    await mkdir(outDir, { recursive: true })
    const file = resolve(outDir, `${folder}-${version}.zip`)
    await writeFile(file, zip)
    return { file, entries: entries.map((e) => e.name) }
  } finally {
    await rm(stage, { recursive: true, force: true })
  }
}

/** package.json's version, after checking pyproject.toml says the same (the registry uses that one). */
async function checkedVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }
  const pyproject = await readFile(join(root, 'pyproject.toml'), 'utf8')
  const pyVersion = /^version\s*=\s*"([^"]+)"/m.exec(pyproject)?.[1]
  if (pyVersion !== pkg.version) {
    throw new Error(`pyproject.toml version ${pyVersion} differs from package.json version ${pkg.version}.`)
  }
  return pkg.version
}

async function entry(pathInPackage: string, file: string): Promise<ZipEntry> {
  return { name: `${folder}/${pathInPackage}`, data: await readFile(file) }
}

async function listFiles(dir: string): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true })
  // Sorted so the archive's order, and so its bytes, do not depend on the file system.
  return found
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort()
}

function toPosix(path: string): string {
  return path.split(sep).join('/')
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', fail)
    child.on('exit', (code, signal) => {
      if (code === 0) done()
      else fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}).`))
    })
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { file, entries } = await buildPackage({ outDir: join(root, 'dist') })
    const { size } = await stat(file)
    console.log(
      `\n${relative(process.cwd(), file)}: ${entries.length} files, ${(size / 1024).toFixed(1)} KiB`
    )
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
