/**
 * "Sign out after inactivity" on a shared machine: a warning a minute before, then signed out;
 * and activity keeps the user signed in. The page's clock is driven by Playwright.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import { newAccount, openSectionAndSignIn, statusCard } from '../support/accountFlows'
import { openPlayground, useBrowser } from '../support/browser'

const session = useBrowser()
afterEach(async () => {
  // The playground server keeps settings for the whole run: leave it as we found it.
  await fetch(new URL('api/settings/ComfyAccount.IdleSignOutMinutes', inject('playgroundUrl')), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '0'
  })
})

async function signedInWithIdleLimit(minutes: number): Promise<Page> {
  const { email, password } = await newAccount('idle')
  await session.context.clock.install()
  const page = await openPlayground(session.context)
  await page.evaluate(
    (value) =>
      (
        window as unknown as {
          app: { extensionManager: { setting: { set(id: string, v: unknown): unknown } } }
        }
      ).app.extensionManager.setting.set('ComfyAccount.IdleSignOutMinutes', value),
    minutes
  )
  await openSectionAndSignIn(page, email, password)
  return page
}

describe('sign out after inactivity', () => {
  it('warns a minute before, then signs out', async () => {
    const page = await signedInWithIdleLimit(15)
    await session.context.clock.runFor('14:10')
    await expect
      .poll(() => page.getByText('You will be signed out of Comfy in one minute').count())
      .toBeGreaterThan(0)
    await session.context.clock.runFor('01:00')
    await expect
      .poll(() => page.getByText('You were signed out of Comfy after 15 minutes without activity.').count())
      .toBeGreaterThan(0)
    await page.locator('section.comfy-account').getByLabel('Email').waitFor()
  })

  it('keeps an active user signed in', async () => {
    const page = await signedInWithIdleLimit(15)
    for (let minute = 0; minute < 20; minute++) {
      await session.context.clock.runFor('01:00')
      await page.mouse.move(10 + minute, 10)
    }
    expect(await page.getByText('You were signed out of Comfy').count()).toBe(0)
    expect(await statusCard(page).count()).toBe(1)
  })
})

describe('sign out after inactivity, with two tabs', () => {
  it('an idle tab does not sign out the tab the user is working in', async () => {
    const working = await signedInWithIdleLimit(15)
    const idle = await openPlayground(session.context)
    await idle.locator('html').waitFor()
    for (let minute = 0; minute < 20; minute++) {
      await session.context.clock.runFor('01:00')
      await working.bringToFront()
      await working.mouse.move(10 + minute, 10)
    }
    expect(await working.getByText('You were signed out of Comfy').count()).toBe(0)
    expect(await idle.getByText('You were signed out of Comfy').count()).toBe(0)
    expect(await statusCard(working).count()).toBe(1)
  })
})
