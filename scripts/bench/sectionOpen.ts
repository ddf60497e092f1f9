/**
 * Click on a nav entry → its first sign-in control visible and enabled, for our section and for
 * the host's own User page (the playground's stand-in, loaded as the real hosts load theirs), in
 * the same run and interleaved, so both meet the same machine. Cold: the first open after a page
 * load. Warm: after closing and reopening the dialog in the same page, when our section kept
 * mounted (src/host/createSectionRenderer.ts) is shown again.
 */
import type { Browser } from 'playwright-core'

import {
  closeSettings,
  HOST_USER_PAGE,
  newBenchContext,
  openAccountSection,
  openHost,
  OUR_SECTION_NEXT_TO_HOST,
  type OpenTarget,
  type SectionTiming
} from './browser'
import { median, round, sleep } from './stats'

export const HOST_LAYOUTS = ['1.24', '1.45'] as const
export type HostLayout = (typeof HOST_LAYOUTS)[number]

/** Medians of one page (ours or the host's) in one host layout. */
export interface OpenMedians {
  coldMs: number
  warmMs: number
  /** Click → the page's root in the DOM: the host's share of the cold open. */
  coldHostShareMs: number
}

export interface SectionOpenResult {
  runs: number
  byLayout: Record<HostLayout, { ours: OpenMedians; hostPage: OpenMedians }>
}

/** The target the issue sets: ours no slower than the host's page × 1.25 + 30 ms (cold), the host's (warm). */
export function coldTargetMs(hostPageColdMs: number): number {
  return hostPageColdMs * 1.25 + 30
}

async function coldAndWarm(
  browser: Browser,
  playgroundUrl: string,
  layout: HostLayout,
  target: OpenTarget
): Promise<{ cold: SectionTiming; warm: SectionTiming }> {
  const context = await newBenchContext(browser)
  try {
    const page = await openHost(context, playgroundUrl, layout)
    const cold = await openAccountSection(page, target)
    await closeSettings(page)
    // Past the moment our section counts as hidden (and empties its secrets), as a user would.
    await sleep(500)
    const warm = await openAccountSection(page, target)
    return { cold, warm }
  } finally {
    await context.close()
  }
}

function medians(timings: Array<{ cold: SectionTiming; warm: SectionTiming }>): OpenMedians {
  return {
    coldMs: round(median(timings.map((t) => t.cold.interactiveMs))),
    warmMs: round(median(timings.map((t) => t.warm.interactiveMs))),
    coldHostShareMs: round(median(timings.map((t) => t.cold.hostMs)))
  }
}

export async function measureSectionOpen(
  browser: Browser,
  playgroundUrl: string,
  runs: number
): Promise<SectionOpenResult> {
  const byLayout = {} as SectionOpenResult['byLayout']
  for (const layout of HOST_LAYOUTS) {
    const ours: Array<{ cold: SectionTiming; warm: SectionTiming }> = []
    const hostPage: typeof ours = []
    for (let run = 0; run < runs; run++) {
      ours.push(await coldAndWarm(browser, playgroundUrl, layout, OUR_SECTION_NEXT_TO_HOST))
      hostPage.push(await coldAndWarm(browser, playgroundUrl, layout, HOST_USER_PAGE))
    }
    byLayout[layout] = { ours: medians(ours), hostPage: medians(hostPage) }
  }
  return { runs, byLayout }
}
