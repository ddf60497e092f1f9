/**
 * Click on our nav entry → section interactive. Cold: the first opening after a page load, so
 * the lazy chunks, Firebase and the session check all load. Warm: after closing and reopening
 * the dialog in the same page, when only a fresh Vue app has to mount.
 */
import type { Browser } from 'playwright-core'

import { closeSettings, newBenchContext, openAccountSection, openHost, rememberRoot, waitForUnmount } from './browser'
import { median, round } from './stats'

export interface SectionOpenResult {
  runs: number
  coldMs: number[]
  warmMs: number[]
  medianColdMs: number
  medianWarmMs: number
}

export async function measureSectionOpen(
  browser: Browser,
  playgroundUrl: string,
  runs: number
): Promise<SectionOpenResult> {
  const coldMs: number[] = []
  const warmMs: number[] = []
  for (let run = 0; run < runs; run++) {
    const context = await newBenchContext(browser)
    try {
      const page = await openHost(context, playgroundUrl)
      coldMs.push(await openAccountSection(page))
      await rememberRoot(page)
      await closeSettings(page)
      // The section unmounts once its root stayed detached; reopen after that, as a user would.
      await waitForUnmount(page)
      warmMs.push(await openAccountSection(page))
    } finally {
      await context.close()
    }
  }
  return {
    runs,
    coldMs: coldMs.map((ms) => round(ms)),
    warmMs: warmMs.map((ms) => round(ms)),
    medianColdMs: round(median(coldMs)),
    medianWarmMs: round(median(warmMs))
  }
}
