/**
 * ComfyUI opened through an address where Google/GitHub cannot work (a LAN name, plain HTTP):
 * the buttons say why and offer the API key tab, the page warns about plain HTTP, and email
 * sign-in still works. Chromium maps the made-up name comfy.test to the playground on 127.0.0.1.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { expectSignedIn, newAccount, signInWithEmail } from '../support/accountFlows'
import {
  openAccountSection,
  ourErrors,
  playgroundUrl,
  recordPageErrors,
  useBrowser,
  waitForApp
} from '../support/browser'

const REMOTE_HOST = 'comfy.test'
const pw = useBrowser([`--host-resolver-rules=MAP ${REMOTE_HOST} 127.0.0.1`])

async function openRemote(): Promise<{ page: Page; section: Locator; errors: string[] }> {
  const url = new URL(playgroundUrl())
  url.hostname = REMOTE_HOST
  const page = await pw.context.newPage()
  const errors = recordPageErrors(page)
  await page.goto(url.toString())
  await waitForApp(page)
  expect(await page.evaluate(() => location.hostname)).toBe(REMOTE_HOST)
  return { page, section: await openAccountSection(page), errors }
}

const UNAVAILABLE =
  'Google and GitHub sign-in only work when ComfyUI is opened as localhost or 127.0.0.1. ' +
  'Here, sign in with email or use a Comfy API key.'

describe('an address where Google and GitHub sign-in cannot work', () => {
  it('disables the buttons with the reason, offers the API key, and warns about plain HTTP', async () => {
    const { section, errors } = await openRemote()

    for (const provider of ['Google', 'GitHub']) {
      const button = section.getByRole('button', { name: `Continue with ${provider}` })
      expect(await button.isDisabled()).toBe(true)
      // The reason is the buttons' accessible description, not just text nearby.
      const describedBy = await button.getAttribute('aria-describedby')
      expect(describedBy).toBeTruthy()
      expect(await section.locator(`[id="${describedBy}"]`).textContent()).toContain(UNAVAILABLE)
    }
    await section.getByText(UNAVAILABLE).waitFor()
    await section
      .getByText(
        'This page is not encrypted (http). Your password or key could be read on the network; use https or a trusted network.'
      )
      .waitFor()

    await section.getByRole('button', { name: 'Use an API key' }).click()
    await section.getByRole('tab', { name: 'Comfy API key', selected: true }).waitFor()
    await section.getByLabel('API key', { exact: true }).waitFor()
    // A key is a secret too: the warning stays where it is typed.
    await section
      .getByRole('note')
      .filter({ hasText: 'This page is not encrypted (http).', visible: true })
      .waitFor()
    expect(ourErrors(errors)).toEqual([])
  })

  it('still signs in with email and password', async () => {
    const { email, password } = await newAccount('remote')
    const { section, errors } = await openRemote()
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email)
    expect(ourErrors(errors)).toEqual([])
  })
})
