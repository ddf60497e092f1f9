/**
 * Click on our nav entry → section interactive. Cold: the first opening after a page load, so
 * the lazy chunks, Firebase and the session check all load. Warm: after closing and reopening
 * the dialog in the same page, when the section kept mounted (src/host/createSectionRenderer.ts) is shown again.
 */
import type { Browser } from 'playwright-core'

import { closeSettings, newBenchContext, openAccountSection, openHost, type SectionTiming } from './browser'
import { median, round, sleep } from './stats'

export interface SectionOpenResult {
  runs: number
  cold: SectionTiming[]
  warm: SectionTiming[]
  medianColdMs: number
  medianWarmMs: number
  /** The host's share (click → our root in the page), which we cannot make faster. */
  medianColdHostMs: number
  medianWarmHostMs: number
}

export async function measureSectionOpen(
  browser: Browser,
  playgroundUrl: string,
  runs: number
): Promise<SectionOpenResult> {
  const cold: SectionTiming[] = []
  const warm: SectionTiming[] = []
  for (let run = 0; run < runs; run++) {
    const context = await newBenchContext(browser)
    try {
      const page = await openHost(context, playgroundUrl)
      cold.push(await openAccountSection(page))
      await closeSettings(page)
      // Past the moment the section counts as hidden (and empties its secrets), as a user would.
      await sleep(500)
      warm.push(await openAccountSection(page))
    } finally {
      await context.close()
    }
  }
  const medianOf = (timings: SectionTiming[], key: keyof SectionTiming): number =>
    round(median(timings.map((timing) => timing[key])))
  const rounded = (timings: SectionTiming[]): SectionTiming[] =>
    timings.map(({ interactiveMs, hostMs }) => ({
      interactiveMs: round(interactiveMs),
      hostMs: round(hostMs)
    }))
  return {
    runs,
    cold: rounded(cold),
    warm: rounded(warm),
    medianColdMs: medianOf(cold, 'interactiveMs'),
    medianWarmMs: medianOf(warm, 'interactiveMs'),
    medianColdHostMs: medianOf(cold, 'hostMs'),
    medianWarmHostMs: medianOf(warm, 'hostMs')
  }
}
