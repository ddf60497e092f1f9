/**
 * Host boot time with and without the extension (and with an empty one, the floor any extension
 * costs): navigation start to the playground being ready
 * (`<html data-playground-ready="true">`, set after every extension's setup, as ComfyUI sets
 * `window.app`). Runs alternate between the two hosts so drift (CPU heat, other load) hits both.
 *
 * Each host keeps one tab that navigates afresh for every run, so its HTTP cache is warm as in a
 * user's browser: a cold cache (or a new tab) makes each boot re-fetch ~90 host modules from the
 * dev server and buries a few milliseconds under hundreds of noise. Our files are served
 * `no-store`, so they are fetched on every boot anyway: the extension's cost stays in.
 */
import type { Browser, Page } from 'playwright-core'

import { hostUrl, newBenchContext, PAGE_TIMEOUT_MS } from './browser'
import { median, medianDifferenceInterval, round } from './stats'

export interface BootSample {
  /** Navigation start → ready. */
  bootMs: number
  /**
   * `GET /api/extensions` answered → ready: the part of the boot where extensions are imported,
   * initialised and set up. Much less noisy than the whole boot, which is mostly the dev server
   * serving the host's own modules.
   */
  extensionPhaseMs: number
  /** Our lazy files fetched before the host was ready (signed out, there should be none). */
  lazyBeforeReady: string[]
}

export interface BootTimeResult {
  runs: number
  withExtension: BootSample[]
  withoutExtension: BootSample[]
  medianWithMs: number
  medianWithoutMs: number
  /** median(with) - median(without) */
  medianDifferenceMs: number
  /** 95% bootstrap interval of that difference: how much it could move on another run. */
  medianDifferenceIntervalMs: [number, number]
  /** median(with) / median(without) */
  ratio: number
  /** median(with_i - without_i) over the interleaved pairs: steadier when the machine drifts. */
  medianPairedDifferenceMs: number
  /**
   * The difference up to `GET /api/extensions` answered: settings and `/api/i18n`, into which
   * ComfyUI merges our `locales/` (the only thing of ours that acts that early).
   */
  beforeExtensionsDifferenceMs: number
  /** The difference from there to ready: importing, initialising and setting up extensions. */
  extensionPhaseDifferenceMs: number
  /** Every lazy file of ours any boot fetched before the host was ready. */
  lazyBeforeReady: string[]
  /**
   * The same against a host whose only extension is one `export {}` file: what importing any
   * extension costs, the floor under our own difference.
   */
  emptyExtension?: {
    medianMs: number
    medianDifferenceMs: number
    medianDifferenceIntervalMs: [number, number]
    extensionPhaseDifferenceMs: number
  }
}

/** Where the probe leaves its sample in the page. */
interface BootWindow {
  __benchBoot?: BootSample
}

/**
 * Records the sample the moment the host marks itself ready. Runs as an init script, before any
 * of the page's own scripts and before `<html>` exists, hence the observer on the document.
 */
function readyProbe(): void {
  const observer = new MutationObserver(() => {
    if (document.documentElement?.dataset.playgroundReady !== 'true') return
    observer.disconnect()
    const readyAt = performance.now()
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    const pathOf = (entry: PerformanceResourceTiming): string => new URL(entry.name).pathname
    const list = resources.find((entry) => pathOf(entry) === '/api/extensions')
    const sample: BootSample = {
      bootMs: readyAt,
      extensionPhaseMs: list ? readyAt - list.responseEnd : Number.NaN,
      lazyBeforeReady: resources
        .map(pathOf)
        .filter((path) => path.startsWith('/extensions/ComfyUI-Account/lazy/'))
    }
    ;(window as unknown as BootWindow).__benchBoot = sample
  })
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-playground-ready'] })
}

async function bootOnce(page: Page, playgroundUrl: string): Promise<BootSample> {
  await page.goto(hostUrl(playgroundUrl))
  const sample = await page.waitForFunction(
    () => {
      if (document.documentElement.dataset.playgroundReady === 'error') {
        throw new Error('The playground failed to boot.')
      }
      return (window as unknown as BootWindow).__benchBoot
    },
    undefined,
    { timeout: PAGE_TIMEOUT_MS }
  )
  return (await sample.jsonValue()) as BootSample
}

type Timing = 'bootMs' | 'extensionPhaseMs' | 'beforeExtensionsMs'

function summary(samples: BootSample[], key: Timing): number {
  const value = (sample: BootSample): number =>
    key === 'beforeExtensionsMs' ? sample.bootMs - sample.extensionPhaseMs : sample[key]
  return median(samples.map(value))
}

function interval(a: BootSample[], b: BootSample[]): [number, number] {
  // Each boot is a page of its own: groups of one.
  const [low, high] = medianDifferenceInterval(
    a.map((sample) => [sample.bootMs]),
    b.map((sample) => [sample.bootMs])
  )
  return [round(low), round(high)]
}

type HostName = 'withExtension' | 'withoutExtension' | 'emptyExtension'

export async function measureBootTime(
  browser: Browser,
  hosts: { withExtension: string; withoutExtension: string; emptyExtension?: string },
  runs: number
): Promise<BootTimeResult> {
  const names = (Object.keys(hosts) as HostName[]).filter((name) => hosts[name])
  const contexts = await Promise.all(names.map(() => newBenchContext(browser)))
  try {
    const pages = await Promise.all(
      contexts.map(async (context) => {
        await context.addInitScript(readyProbe)
        return context.newPage()
      })
    )
    const boot = (i: number): Promise<BootSample> => bootOnce(pages[i]!, hosts[names[i]!]!)
    // Two throwaway boots each: the first makes Vite transform the host's modules (the dev
    // server's cost, not ours), the second fills the browser cache.
    for (let round = 0; round < 2; round++) for (let i = 0; i < names.length; i++) await boot(i)

    const samples = names.map((): BootSample[] => [])
    // Who goes first rotates: the first boot of a round is measurably slower (the browser is
    // still tidying up after the previous page), which would otherwise be charged to one host.
    for (let run = 0; run < runs; run++) {
      for (let k = 0; k < names.length; k++) {
        const i = (run + k) % names.length
        samples[i]!.push(await boot(i))
      }
    }
    const samplesOf = (name: HostName): BootSample[] => samples[names.indexOf(name)] ?? []
    const withExtension = samplesOf('withExtension')
    const withoutExtension = samplesOf('withoutExtension')
    const empty = samplesOf('emptyExtension')
    const medianWithMs = summary(withExtension, 'bootMs')
    const medianWithoutMs = summary(withoutExtension, 'bootMs')
    const rounded = (samples: BootSample[]): BootSample[] =>
      samples.map((sample) => ({
        ...sample,
        bootMs: round(sample.bootMs),
        extensionPhaseMs: round(sample.extensionPhaseMs)
      }))
    return {
      runs,
      withExtension: rounded(withExtension),
      withoutExtension: rounded(withoutExtension),
      medianWithMs: round(medianWithMs),
      medianWithoutMs: round(medianWithoutMs),
      medianDifferenceMs: round(medianWithMs - medianWithoutMs),
      medianDifferenceIntervalMs: interval(withExtension, withoutExtension),
      ratio: round(medianWithMs / medianWithoutMs),
      medianPairedDifferenceMs: round(
        median(withExtension.map((sample, i) => sample.bootMs - withoutExtension[i]!.bootMs))
      ),
      beforeExtensionsDifferenceMs: round(
        summary(withExtension, 'beforeExtensionsMs') - summary(withoutExtension, 'beforeExtensionsMs')
      ),
      extensionPhaseDifferenceMs: round(
        summary(withExtension, 'extensionPhaseMs') - summary(withoutExtension, 'extensionPhaseMs')
      ),
      lazyBeforeReady: [...new Set(withExtension.flatMap((sample) => sample.lazyBeforeReady))].sort(),
      emptyExtension:
        empty.length > 0
          ? {
              medianMs: round(summary(empty, 'bootMs')),
              medianDifferenceMs: round(summary(empty, 'bootMs') - medianWithoutMs),
              medianDifferenceIntervalMs: interval(empty, withoutExtension),
              extensionPhaseDifferenceMs: round(
                summary(empty, 'extensionPhaseMs') - summary(withoutExtension, 'extensionPhaseMs')
              )
            }
          : undefined
    }
  } finally {
    for (const context of contexts) await context.close()
  }
}
