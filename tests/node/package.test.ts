/**
 * The release archive (scripts/package.ts) is what users unzip into ComfyUI/custom_nodes/, so it is
 * checked the way ComfyUI and the registry will see it: Python reads the zip, imports __init__.py
 * and parses pyproject.toml. Needs python3 >= 3.11 (tomllib).
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPackage } from '../../scripts/package.ts'
import type { PackageResult } from '../../scripts/package.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const folder = 'ComfyUI-Account'

let work: string
let result: PackageResult
let unpacked: string

function python(...args: string[]): string {
  return execFileSync('python3', args, { encoding: 'utf8' }).trim()
}

beforeAll(async () => {
  try {
    python('-c', 'import sys, tomllib; assert sys.version_info >= (3, 11)')
  } catch {
    throw new Error('These tests need python3 3.11 or later on PATH (ComfyUI itself is Python).')
  }
  work = await mkdtemp(join(tmpdir(), 'comfyui-account-package-'))
  result = await buildPackage({ outDir: join(work, 'dist') })
  unpacked = join(work, 'unpacked')
  // Python's own zipfile, not ours: an independent reader proves the archive is well formed.
  python('-m', 'zipfile', '-t', result.file)
  python('-m', 'zipfile', '-e', result.file, unpacked)
}, 180_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('release archive', () => {
  it('is named after the version and lists what buildPackage reports', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }
    expect(result.file).toBe(join(work, 'dist', `${folder}-${pkg.version}.zip`))
    const names = JSON.parse(
      python(
        '-c',
        'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))',
        result.file
      )
    ) as string[]
    expect(names).toEqual(result.entries)
  })

  it('holds the package files under one top-level folder', () => {
    for (const name of [
      '__init__.py',
      'pyproject.toml',
      'README.md',
      'LICENSE',
      'web/comfyui-account.js',
      'locales/en/main.json'
    ]) {
      expect(result.entries).toContain(`${folder}/${name}`)
    }
    expect(result.entries.some((e) => /^ComfyUI-Account\/web\/lazy\/[^/]+\.mjs$/.test(e))).toBe(true)
    expect(result.entries.every((e) => e.startsWith(`${folder}/`))).toBe(true)
  })

  it('leaves out sources, dependencies and source maps', () => {
    for (const e of result.entries) {
      expect(e).not.toContain('node_modules')
      expect(e).not.toContain('/src/')
      expect(e.endsWith('.map')).toBe(false)
    }
  })

  it('has one .js file under web/, because ComfyUI imports every .js there at start-up', () => {
    const scripts = result.entries.filter((e) => e.startsWith(`${folder}/web/`) && e.endsWith('.js'))
    expect(scripts).toEqual([`${folder}/web/comfyui-account.js`])
  })

  it('imports as a custom node package without ComfyUI', () => {
    const dir = join(unpacked, folder)
    const script = [
      'import importlib.util',
      `spec = importlib.util.spec_from_file_location('ComfyUI_Account', ${JSON.stringify(join(dir, '__init__.py'))}, submodule_search_locations=[${JSON.stringify(dir)}])`,
      'm = importlib.util.module_from_spec(spec)',
      'spec.loader.exec_module(m)',
      'print(m.WEB_DIRECTORY, m.NODE_CLASS_MAPPINGS)'
    ].join('\n')
    expect(python('-c', script)).toBe('./web {}')
  })

  it('carries registry metadata that matches package.json', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }
    const toml = JSON.parse(
      python(
        '-c',
        'import json,sys,tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))',
        join(unpacked, folder, 'pyproject.toml')
      )
    ) as {
      project: { name: string; version: string; license: { file: string } }
      tool: { comfy: Record<string, unknown> & { includes: string[] } }
    }
    expect(toml.project.name).toBe('comfyui-account')
    expect(toml.project.version).toBe(pkg.version)
    expect(toml.project.license).toEqual({ file: 'LICENSE' })
    const comfy = toml.tool.comfy
    expect(comfy.PublisherId).toBe('comfyui-account')
    expect(comfy.DisplayName).toBe('ComfyUI-Account')
    expect(comfy.Icon).toMatch(/^https:\/\/.+\.png$/)
    expect(comfy.includes).toContain('web/')
  })
})
