/**
 * The start-up budget (README, Performance), checked deterministically on a production build: ComfyUI imports
 * every `.js` file of our web folder at start-up (docs/host-contract.md, "Loading"), so that must stay one small file
 * that registers the extension and loads everything else on demand. Timings live in
 * `npm run bench`, not here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildProductionExtension } from '../../dev/services/buildExtension'
import { listJsFiles } from '../../playground/server/extensions'
import { gzipSize, listLazyChunks } from '../../scripts/bench/startupBytes'

const STARTUP_FILE = 'comfyui-account.js'
const STARTUP_GZIP_BUDGET = 10 * 1024

/**
 * Strings only the heavy libraries' code contains. Not plain `firebase`: the start-up file carries
 * the public Firebase config (`dreamboothy.firebaseapp.com`), which is data, not SDK code.
 */
const LIBRARY_MARKERS: Record<string, string[]> = {
  Firebase: ['identitytoolkit', 'securetoken.googleapis.com', '@firebase/', 'FirebaseError'],
  'vue-i18n': ['vue-i18n', 'intlify'],
  'Vue runtime': ['createApp', '__vue_app__'],
  axios: ['AxiosError']
}

let outDir: string
let startupBytes: Buffer
let startup: string
let lazy: string
let lazyChunks: string[]

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'comfyui-account-size-'))
  await buildProductionExtension(outDir)
  startupBytes = await readFile(join(outDir, STARTUP_FILE))
  startup = startupBytes.toString('utf8')
  const chunks = (lazyChunks = await listLazyChunks(outDir))
  lazy = (await Promise.all(chunks.map((chunk) => readFile(join(outDir, chunk), 'utf8')))).join('\n')
}, 180_000)

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

/** Every module specifier the file loads: static imports and re-exports, and dynamic imports. */
function importSpecifiers(code: string): { static: string[]; dynamic: string[]; dynamicCalls: number } {
  const quoted = String.raw`(["'\x60])([^"'\x60]+)\1`
  const fromClause = new RegExp(String.raw`\b(?:import|export)\b[^"'\x60;()]*?\bfrom\s*${quoted}`, 'g')
  const bare = new RegExp(String.raw`\bimport\s*${quoted}`, 'g')
  const dynamic = new RegExp(String.raw`\bimport\s*\(\s*${quoted}\s*\)`, 'g')
  return {
    static: [...code.matchAll(fromClause), ...code.matchAll(bare)].map((match) => match[2]!),
    dynamic: [...code.matchAll(dynamic)].map((match) => match[2]!),
    dynamicCalls: code.match(/\bimport\s*\(/g)?.length ?? 0
  }
}

describe('start-up JavaScript of the production build', () => {
  it(`is one file, ${STARTUP_FILE}`, async () => {
    expect(await listJsFiles(outDir)).toEqual([STARTUP_FILE])
  })

  it(`stays within ${STARTUP_GZIP_BUDGET / 1024} KiB gzip`, () => {
    const size = gzipSize(startupBytes)
    expect(size, `${STARTUP_FILE} is ${size} bytes gzip`).toBeLessThanOrEqual(STARTUP_GZIP_BUDGET)
  })

  it.each(Object.entries(LIBRARY_MARKERS))('contains no %s code (it loads lazily)', (_library, markers) => {
    for (const marker of markers) {
      // Proves the marker is a real trace of the library, so its absence below means something.
      expect(lazy, `the lazy chunks should contain "${marker}"`).toContain(marker)
      expect(startup, `${STARTUP_FILE} contains "${marker}"`).not.toContain(marker)
    }
  })

  it('imports nothing while ComfyUI waits for it, and only our lazy chunks later', async () => {
    const imports = importSpecifiers(startup)
    // A static import is one more round trip to the server before ComfyUI can go on booting
    // (even the shims: we read window.comfyAPI, as they do).
    expect(imports.static).toEqual([])
    // Every import() names a lazy chunk literally: nothing computed could load something else.
    expect(imports.dynamic.length).toBe(imports.dynamicCalls)
    expect(imports.dynamic.length).toBeGreaterThan(0)
    const chunks = await listLazyChunks(outDir)
    for (const specifier of imports.dynamic) {
      expect(specifier).toMatch(/^\.\/lazy\/[^/]+\.mjs$/)
      expect(chunks).toContain(specifier.slice(2))
    }
  })
})

describe('a failed import of ours', () => {
  it('fails as itself, never as a vite:preloadError event ComfyUI 1.45 would cancel', () => {
    // That event is how Vite's preload helper reports a failure (build/plainImportsPlugin.ts).
    expect(startup).not.toContain('vite:preloadError')
    expect(lazy).not.toContain('vite:preloadError')
  })
})

describe('the first open', () => {
  it('fetches its first-paint chunk in one round trip', async () => {
    const [firstPaint, ...others] = lazyChunks.filter((chunk) => /(^|\/)account-first-paint-/.test(chunk))
    expect(firstPaint, 'one first-paint chunk').toBeDefined()
    expect(others).toEqual([])
    // Any other file it imported statically, the browser would only find after parsing it: one
    // more round trip before the section shows (build/runtimeHelpersPlugin.ts).
    const code = await readFile(join(outDir, firstPaint!), 'utf8')
    expect(importSpecifiers(code).static).toEqual([`../${STARTUP_FILE}`])
  })
})
