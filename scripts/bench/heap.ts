/**
 * Leak check: JS heap after 1 and after N open/close cycles of the settings dialog on our
 * section, and how many Vue apps of ours are alive with the dialog open and after it closed (1:
 * the section is kept mounted a few minutes to reopen at once). The host drops our element without
 * telling us (docs/host-contract.md, "Settings dialog"), so a lost app would show here as a growing heap and a second live app.
 *
 * The host's own dialog grows the heap too (first-use compilation, its dev-mode Vue), so the
 * same cycles run on the host without the extension, opening its "About" panel instead, and the
 * difference is what we add. Cycles N → 2N show whether growth continues once everything is warm.
 */
import type { Browser, Page } from 'playwright-core'

import {
  closeSettings,
  countLiveApps,
  heapAfterGc,
  newBenchContext,
  openAccountSection,
  openHost,
  openSettings,
  PAGE_TIMEOUT_MS,
  rememberRoot
} from './browser'
import { sleep } from './stats'

/** `usedJSHeapSize` after 1, N and 2N cycles. */
export interface HeapSeries {
  afterFirstBytes: number
  afterCyclesBytes: number
  afterDoubleCyclesBytes: number
}

export interface HeapResult {
  cycles: number
  withExtension: HeapSeries
  /** The host alone, cycling its "About" panel. */
  hostAlone: HeapSeries
  /** Growth 1 → N with the extension. */
  growthBytes: number
  /** Growth 1 → N of the host alone. */
  hostGrowthBytes: number
  /** growthBytes - hostGrowthBytes: what our section adds. */
  netGrowthBytes: number
  /** Growth N → 2N with the extension, minus the host's own. */
  netSteadyGrowthBytes: number
  /** `section.comfy-account` elements in the page with the dialog open after all cycles. */
  sectionsWhileOpen: number
  liveAppsWhileOpen: number
  liveAppsAfterClose: number
  /**
   * The most apps of ours alive after any cycle's close: the section is kept mounted for a few
   * minutes to reopen at once (src/host/createSectionRenderer.ts), so 1; more would be a leak.
   */
  mostLiveAppsAfterClose: number
}

/** Longer than the section's unmount grace period (100 ms). */
const SETTLE_MS = 500

async function heapSeries(page: Page, cycles: number, cycle: () => Promise<void>): Promise<HeapSeries> {
  const settledHeap = async (): Promise<number> => {
    await sleep(SETTLE_MS)
    return heapAfterGc(page)
  }
  await cycle()
  const afterFirstBytes = await settledHeap()
  for (let i = 1; i < cycles; i++) await cycle()
  const afterCyclesBytes = await settledHeap()
  for (let i = 0; i < cycles; i++) await cycle()
  const afterDoubleCyclesBytes = await settledHeap()
  return { afterFirstBytes, afterCyclesBytes, afterDoubleCyclesBytes }
}

async function measureHostAlone(
  browser: Browser,
  playgroundUrl: string,
  cycles: number
): Promise<HeapSeries> {
  const context = await newBenchContext(browser)
  try {
    const page = await openHost(context, playgroundUrl)
    return await heapSeries(page, cycles, async () => {
      await openSettings(page)
      await page.getByRole('dialog').getByRole('option', { name: 'About', exact: true }).click()
      await page.locator('[data-panel="about"]').waitFor({ timeout: PAGE_TIMEOUT_MS })
      await closeSettings(page)
    })
  } finally {
    await context.close()
  }
}

export async function measureHeap(
  browser: Browser,
  hosts: { withExtension: string; withoutExtension: string },
  cycles: number
): Promise<HeapResult> {
  const hostAlone = await measureHostAlone(browser, hosts.withoutExtension, cycles)

  const context = await newBenchContext(browser)
  try {
    const page = await openHost(context, hosts.withExtension)
    let mostLiveAppsAfterClose = 0
    let remembered = false
    const withExtension = await heapSeries(page, cycles, async () => {
      await openAccountSection(page)
      if (!remembered) await rememberRoot(page)
      remembered = true
      await closeSettings(page)
      mostLiveAppsAfterClose = Math.max(mostLiveAppsAfterClose, await countLiveApps(page))
    })

    await openAccountSection(page)
    const sectionsWhileOpen = await page.locator('section.comfy-account').count()
    const liveAppsWhileOpen = await countLiveApps(page)
    await closeSettings(page)
    await sleep(SETTLE_MS)
    const liveAppsAfterClose = await countLiveApps(page)

    const growthBytes = withExtension.afterCyclesBytes - withExtension.afterFirstBytes
    const hostGrowthBytes = hostAlone.afterCyclesBytes - hostAlone.afterFirstBytes
    return {
      cycles,
      withExtension,
      hostAlone,
      growthBytes,
      hostGrowthBytes,
      netGrowthBytes: growthBytes - hostGrowthBytes,
      netSteadyGrowthBytes:
        withExtension.afterDoubleCyclesBytes -
        withExtension.afterCyclesBytes -
        (hostAlone.afterDoubleCyclesBytes - hostAlone.afterCyclesBytes),
      sectionsWhileOpen,
      liveAppsWhileOpen,
      liveAppsAfterClose,
      mostLiveAppsAfterClose
    }
  } finally {
    await context.close()
  }
}
