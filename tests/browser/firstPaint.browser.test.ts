/**
 * The first open draws the sign-in form before our Vue app, the store and Firebase have loaded
 * (src/ui/firstPaint/). A user who starts at once loses nothing: what they typed and the button
 * they pressed are carried over when the section takes over.
 */
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { expectSignedIn, newAccount } from '../support/accountFlows'
import { openPlayground, ourErrors, recordPageErrors, useBrowser } from '../support/browser'

const session = useBrowser()

/** Holds back our UI chunk (Vue, the store) until `release()`: a slow first load, made certain. */
async function holdSectionCode(page: Page) {
  const held: Route[] = []
  let released = false
  await page.route('**/extensions/ComfyUI-Account/lazy/account-ui-*.mjs', (route) => {
    if (released) return route.continue()
    held.push(route)
  })
  return {
    held: () => held.length,
    release: async () => {
      released = true
      await Promise.all(held.map((route) => route.continue()))
    }
  }
}

/** A fresh page, the section opened from ComfyUI's settings while its code is held back. */
async function openSectionWithCodeHeld() {
  const page = await openPlayground(session.context)
  const errors = recordPageErrors(page)
  const code = await holdSectionCode(page)
  await page.getByRole('button', { name: 'Settings' }).first().click()
  await page.getByRole('dialog').getByRole('option', { name: 'User', exact: true }).click()
  return { section: page.getByRole('dialog').locator('section.comfy-account'), errors, code }
}

describe('the first open of the section', () => {
  it('shows the sign-in form before the section code has loaded, and keeps what the user did there', async () => {
    const { email, password } = await newAccount('first-paint')
    const { section, errors, code } = await openSectionWithCodeHeld()
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill(password)
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect.poll(code.held).toBeGreaterThan(0)
    // Nothing has gone out yet: the code that signs in is still on its way.
    expect(await section.getByTestId('comfy-account-status').count()).toBe(0)

    await code.release()
    await expectSignedIn(section, email, 15_000)
    expect(ourErrors(errors)).toEqual([])
  })

  it('opens "Trouble signing in?" with its list, and a choice made there early is kept', async () => {
    const { section, errors, code } = await openSectionWithCodeHeld()
    await section.getByRole('button', { name: 'Trouble signing in?' }).click()
    await expect.poll(() => section.getByText('Make sure Caps Lock is off.').isVisible()).toBe(true)
    await section.getByRole('button', { name: 'Use a Comfy API key instead' }).click()
    await expect.poll(code.held).toBeGreaterThan(0)

    await code.release()
    await expect
      .poll(() => section.getByLabel('API key', { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true)
    expect(await section.getByText('Make sure Caps Lock is off.').isVisible()).toBe(true)
    expect(ourErrors(errors)).toEqual([])
  })
})
