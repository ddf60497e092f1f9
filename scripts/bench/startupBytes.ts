/**
 * Bytes of a built web folder: what ComfyUI imports at start-up (every `.js` under the folder,
 * recursively: docs/host-contract.md, "Loading") and what it loads only on demand (`lazy/*.mjs`). Shared with the
 * size guard in tests/node/startupSize.test.ts, so the benchmark and the test count the same way.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { listJsFiles } from '../../playground/server/extensions'

export interface FileSize {
  /** Path relative to the web folder, `/`-separated. */
  file: string
  raw: number
  /** gzip level 9: the best case a server could send; the budget is stated in it. */
  gzip: number
}

export interface WebFolderSizes {
  /** Files ComfyUI imports at start-up. */
  startup: FileSize[]
  startupTotal: { raw: number; gzip: number }
  /** Files loaded only when needed. */
  lazy: FileSize[]
}

export function gzipSize(content: Uint8Array): number {
  return gzipSync(content, { level: 9 }).length
}

async function sizeOf(dir: string, file: string): Promise<FileSize> {
  const content = await readFile(join(dir, file))
  return { file, raw: content.length, gzip: gzipSize(content) }
}

/** `lazy/*.mjs`, sorted; an absent `lazy/` folder means nothing is lazy. */
export async function listLazyChunks(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, 'lazy')).catch(() => [])
  return names
    .filter((name) => name.endsWith('.mjs'))
    .sort()
    .map((name) => `lazy/${name}`)
}

export async function measureWebFolder(dir: string): Promise<WebFolderSizes> {
  // The playground's listing mirrors ComfyUI's `glob('**/*.js')`: one rule, one implementation.
  const startup = await Promise.all((await listJsFiles(dir)).map((file) => sizeOf(dir, file)))
  const lazy = await Promise.all((await listLazyChunks(dir)).map((file) => sizeOf(dir, file)))
  return {
    startup,
    startupTotal: {
      raw: startup.reduce((sum, f) => sum + f.raw, 0),
      gzip: startup.reduce((sum, f) => sum + f.gzip, 0)
    },
    lazy
  }
}
