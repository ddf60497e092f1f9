/**
 * Our section's code is loaded on demand (lazy chunks). When it cannot load (offline, a half
 * installed update), the section says so with a Retry button, instead of "Loading…" for ever;
 * every failed attempt shows that again, and Retry loads it once the files can be had. (The
 * words are boot messages, in every language: src/host/bootMessages.test.ts.)
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { navLabel, openPlayground, recordPageErrors, useBrowser } from '../support/browser'

const session = useBrowser()

const LAZY_CHUNKS = '**/extensions/ComfyUI-Account/lazy/**'

/** Settings → our nav entry, without waiting for the section: it is not going to come. */
async function openSettingsEntry(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).first().click()
  await page.getByRole('dialog').getByRole('option', { name: navLabel(), exact: true }).click()
}

describe('a section whose code cannot load', () => {
  it('says so with a Retry button, says so again when Retry fails, and loads once it can', async () => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    let blocked = 0
    await page.route(LAZY_CHUNKS, (route) => {
      blocked++
      return route.abort('internetdisconnected')
    })
    await openSettingsEntry(page)

    const root = page.locator('.comfy-account-root')
    const failed = root.getByRole('alert')
    await failed.waitFor()
    expect(await failed.textContent()).toBe(
      'Comfy Account could not be loaded. Check your connection, then try again.'
    )
    expect(errors.some((e) => e.includes('[ComfyUI-Account] failed'))).toBe(true)

    // A second failure is not silent either: the section tries again, then says so again.
    const blockedBefore = blocked
    await root.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => blocked).toBeGreaterThan(blockedBefore)
    await failed.waitFor()
    expect(await root.getByText('Loading Comfy Account…').count()).toBe(0)

    await page.unroute(LAZY_CHUNKS)
    await root.getByRole('button', { name: 'Try again' }).click()
    await page
      .locator('section.comfy-account')
      .getByRole('button', { name: 'Sign in', exact: true })
      .waitFor()
    expect(await failed.count()).toBe(0)
  })
})
