/**
 * `npm run bench`: how much ComfyUI-Account costs the host. Starts the local stack
 * plus a second playground without the extension, drives Chromium against both, prints a table
 * and writes bench-results/bench.json. A report, not a test: it exits 0 whatever the numbers,
 * and 1 only when the stack could not start.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Browser } from 'playwright-core'

import { buildProductionExtension } from '../dev/services/buildExtension'
import { startStack, type Stack } from '../dev/stack'
import { startPlayground, type Playground } from '../playground/server'
import { measureBootTime } from './bench/bootTime'
import { FLOOR_EXTENSION_JS, launchBenchChromium } from './bench/browser'
import { measureHeap } from './bench/heap'
import { measurePromptCost } from './bench/promptCost'
import { attempt, buildRows, formatTable, writeJson, type BenchResults } from './bench/report'
import { measureSectionOpen } from './bench/sectionOpen'
import { measureWebFolder } from './bench/startupBytes'

// Boots are noisy (±50 ms on two cores) and drift within a run. With 40 each, the median
// difference moved by ±20 ms between runs of the same code and row 2 passed and failed by turns;
// 120 each (about two minutes) narrows that by √3, not more.
const RUNS = { boot: 120, sectionOpen: 11, heapCycles: 50, promptCalls: 50, concurrentSubmissions: 20 }
const resultsFile = fileURLToPath(new URL('../bench-results/bench.json', import.meta.url))

const step = (text: string): void => console.log(`… ${text}`)
/** `BENCH_ONLY=sectionOpen,heap npm run bench` measures only those rows (while working on one). */
const only = process.env.BENCH_ONLY?.split(',')
const measure = <T>(name: keyof BenchResults, run: () => Promise<T>) =>
  only && !only.includes(name)
    ? Promise.resolve({ ok: false as const, error: 'skipped (BENCH_ONLY)' })
    : attempt(run)

step('starting the emulator, the local Comfy API, a local build and the playground')
let stack: Stack
try {
  stack = await startStack({ builtHost: true })
} catch (error) {
  console.error('The local stack could not start; nothing was measured.', error)
  process.exit(1)
}

const work = await mkdtemp(join(tmpdir(), 'comfy-account-bench-'))
const productionDir = join(work, 'production')
let bare: Playground | undefined
let empty: Playground | undefined
let floor: Playground | undefined
let browser: Browser | undefined
const cleanUp = async (): Promise<void> => {
  await browser?.close()
  await bare?.close()
  await empty?.close()
  await floor?.close()
  await stack.close()
  await rm(work, { recursive: true, force: true })
}
try {
  // "Without": the same host with an empty custom-node folder: neither our files nor our locales.
  const emptyDir = join(work, 'empty')
  const bareOptions = {
    builtHost: true,
    extensionDir: emptyDir,
    localesDir: emptyDir,
    localServices: {
      authEmulatorUrl: stack.emulator.url,
      comfyApiUrl: stack.comfyApi.url,
      firebaseProjectId: stack.emulator.projectId
    }
  }
  bare = await startPlayground(bareOptions)
  // The floor: a host whose only extension is one file that does nothing.
  const emptyExtensionDir = join(work, 'empty-extension')
  await mkdir(emptyExtensionDir)
  await writeFile(join(emptyExtensionDir, 'empty.js'), 'export {}\n')
  empty = await startPlayground({ ...bareOptions, extensionDir: emptyExtensionDir })
  // The floor under a section's open: one button in a function-type setting, nothing of ours.
  const floorDir = join(work, 'floor-extension')
  await mkdir(floorDir)
  await writeFile(join(floorDir, 'floor.js'), FLOOR_EXTENSION_JS)
  floor = await startPlayground({ ...bareOptions, extensionDir: floorDir })
  browser = await launchBenchChromium()
} catch (error) {
  console.error('The playground without the extension or Chromium could not start.', error)
  await cleanUp()
  process.exit(1)
}

try {
  step('start-up bytes (local and production builds)')
  const startupBytes = await measure('startupBytes', async () => {
    await buildProductionExtension(productionDir)
    return {
      local: await measureWebFolder(stack.extensionDir),
      production: await measureWebFolder(productionDir)
    }
  })
  step(`host boot time (${RUNS.boot} runs each, interleaved)`)
  const bootTime = await measure('bootTime', () =>
    measureBootTime(
      browser,
      { withExtension: stack.playground.url, withoutExtension: bare.url, emptyExtension: empty.url },
      RUNS.boot
    )
  )
  step(`section open, cold and warm (${RUNS.sectionOpen} runs)`)
  const sectionOpen = await measure('sectionOpen', () =>
    measureSectionOpen(browser, stack.playground.url, RUNS.sectionOpen, floor.url)
  )
  step(`heap and live apps (2 × ${RUNS.heapCycles} open/close cycles, with and without)`)
  const heap = await measure('heap', () =>
    measureHeap(browser, { withExtension: stack.playground.url, withoutExtension: bare.url }, RUNS.heapCycles)
  )
  step(`prompt credential cost (${RUNS.promptCalls} submissions) and token refreshes`)
  const promptCost = await measure('promptCost', () =>
    measurePromptCost(browser, { withExtension: stack.playground, withoutExtension: bare }, stack.emulator, {
      calls: RUNS.promptCalls,
      concurrentSubmissions: RUNS.concurrentSubmissions
    })
  )

  const results: BenchResults = { startupBytes, bootTime, sectionOpen, heap, promptCost }
  const rows = buildRows(results)
  console.log(`\n${formatTable(rows)}\n`)
  await writeJson(resultsFile, {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      chromium: browser.version()
    },
    runs: RUNS,
    rows,
    results
  })
  console.log(`Written to ${resultsFile}`)
} finally {
  await cleanUp()
}
