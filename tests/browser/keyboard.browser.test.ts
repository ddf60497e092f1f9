/**
 * Everything a user does in our UI, done with the keyboard alone: reaching the section from the
 * settings nav, signing in with email and with a key, logging out, the forms' links, and the
 * partner-node dialog. Focus is always visible on our elements, goes to the first field of a
 * form that opens, to the alert when a submit fails, to the card after a sign-in, and back where
 * it was when our dialog closes; Escape closes it; the tabs follow the ARIA tabs pattern.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'

import { newAccount, openSection, statusCard } from '../support/accountFlows'
import { expectFocusOn, focused, OUR_ROOTS } from '../support/accessibility'
import { maskedForm } from '../support/apiKeyPage'
import { openPlayground, ourErrors, recordPageErrors, useBrowser } from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'
import { clearReceivedPrompts, receivedPrompts } from '../support/prompts'

const session = useBrowser()
const comfyApi = comfyApiControl()
beforeEach(async () => {
  await clearReceivedPrompts()
})

/**
 * Presses `key` (Tab, Shift+Tab) until `target` has focus, at most `limit` times. Every element
 * of ours that focus passes on the way must show that it has focus.
 */
async function pressUntil(page: Page, target: Locator, key = 'Tab', limit = 40): Promise<void> {
  for (let press = 0; press < limit; press++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
    await page.keyboard.press(key)
    const now = await focused(page)
    if (now?.ours) expect(now.indicated, `a visible focus indicator on ${now.tag} "${now.name}"`).toBe(true)
  }
  throw new Error(`${key} × ${limit} never reached ${target.toString()}`)
}

function sectionIn(page: Page): Locator {
  return page.locator(OUR_ROOTS.section)
}

describe('keyboard only', () => {
  it.for(['1.24', '1.45'] as const)(
    'reaches the section from the settings nav (%s), signs in with email, logs out',
    async (hostVersion) => {
      const { email, password } = await newAccount('keyboard')
      const page = await openPlayground(session.context, { hostVersion })
      const errors = recordPageErrors(page)

      await pressUntil(page, page.getByRole('button', { name: 'Settings' }).first())
      await page.keyboard.press('Enter')
      const dialog = page.getByTestId('settings-dialog')
      if (hostVersion === '1.45') {
        await pressUntil(page, dialog.getByRole('button', { name: 'User', exact: true }))
        await page.keyboard.press('Enter')
      } else {
        // A listbox: one tab stop, then arrow keys to the entry and Enter to open it.
        const listbox = dialog.getByRole('listbox')
        await pressUntil(page, listbox)
        const user = dialog.getByRole('option', { name: 'User', exact: true })
        for (let press = 0; press < 20 && (await user.getAttribute('data-p-focused')) !== 'true'; press++) {
          await page.keyboard.press('ArrowDown')
        }
        await page.keyboard.press('Enter')
      }
      const section = sectionIn(page)
      await section.waitFor()

      const emailField = section.locator('input[name="email"]')
      await pressUntil(page, emailField)
      await page.keyboard.type(email)
      await page.keyboard.press('Tab')
      await expectFocusOn(section.locator('input[name="password"]'), 'the password field')
      await page.keyboard.type(password)
      await page.keyboard.press('Enter')

      const card = statusCard(section)
      await card.getByText(email).first().waitFor({ timeout: 15_000 })
      await expectFocusOn(card, 'the status card after signing in')

      await pressUntil(page, card.getByRole('button', { name: 'Log out' }))
      await page.keyboard.press('Enter')
      await expectFocusOn(section.locator('input[name="email"]'), 'the email field after logging out')
      expect(ourErrors(errors)).toEqual([])
    }
  )

  it('moves focus to the alert of a failed submit and to the first field of each form opened', async () => {
    const { page, section, errors } = await openSection(session.context)
    const email = section.locator('input[name="email"]')
    await pressUntil(page, email)
    await page.keyboard.press('Enter')
    const alert = section.getByRole('alert')
    await expectFocusOn(alert, 'the alert of an empty sign-in')
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    expect(await email.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'))

    await pressUntil(page, section.getByRole('button', { name: 'Create an account' }))
    await page.keyboard.press('Enter')
    await expectFocusOn(email, 'the email field of "create account"')

    await pressUntil(page, section.getByRole('button', { name: 'I already have an account' }))
    await page.keyboard.press('Enter')
    await expectFocusOn(email, 'the email field of "sign in"')

    await pressUntil(page, section.getByRole('button', { name: 'Forgot password?' }))
    await page.keyboard.press('Enter')
    await expectFocusOn(email, 'the email field of "reset password"')
    expect(ourErrors(errors)).toEqual([])
  })

  it('switches to the API key tab with the arrow keys and signs in with a key', async () => {
    const key = await comfyApi.issueKey({ name: 'Keyboard Person' })
    const { page, section, errors } = await openSection(session.context)
    const accountTab = section.getByRole('tab', { selected: true })
    await pressUntil(page, accountTab)

    await page.keyboard.press('ArrowRight')
    const keyTab = section.getByRole('tab', { name: 'Comfy API key' })
    await expectFocusOn(keyTab, 'the API key tab')
    expect(await keyTab.getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Home')
    await expectFocusOn(section.getByRole('tab').first(), 'the first tab (Home)')
    await page.keyboard.press('End')
    await expectFocusOn(keyTab, 'the last tab (End)')

    // Tab leaves the tab list for the panel: its first field.
    await page.keyboard.press('Tab')
    await expectFocusOn(section.locator('input[name="api-key"]'), 'the API key field')
    await page.keyboard.type(key)
    await page.keyboard.press('Enter')
    const card = statusCard(section)
    await expect
      .poll(() => card.getByTestId('comfy-account-masked-key').textContent(), { timeout: 15_000 })
      .toBe(maskedForm(key))
    await expectFocusOn(card, 'the status card after saving the key')
    expect(ourErrors(errors)).toEqual([])
  })

  it('answers the partner-node dialog: Escape closes it, Sign in then "Run now" runs the workflow', async () => {
    const { email, password } = await newAccount('keyboard-dialog')
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const run = page.getByRole('button', { name: 'Run', exact: true })
    const dialog = page.locator(OUR_ROOTS.dialog)

    await pressUntil(page, run)
    await page.keyboard.press('Enter')
    await dialog.getByTestId('comfy-account-partner-nodes').waitFor({ timeout: 15_000 })
    expect((await focused(page))?.ours, 'focus inside the dialog once it opens').toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expectFocusOn(run, 'the Run button, where it was before the dialog')
    expect(await receivedPrompts()).toHaveLength(0)

    await page.keyboard.press('Enter')
    await dialog.getByTestId('comfy-account-partner-nodes').waitFor({ timeout: 15_000 })
    await pressUntil(page, dialog.getByRole('button', { name: 'Sign in', exact: true }))
    await page.keyboard.press('Enter')
    await expectFocusOn(dialog.locator('input[name="email"]'), 'the email field of the dialog')
    await page.keyboard.type(email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(password)
    await page.keyboard.press('Enter')
    await expectFocusOn(statusCard(dialog), 'the status card in the dialog')

    await pressUntil(page, dialog.getByRole('button', { name: 'Run the workflow now' }))
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(async () => (await receivedPrompts()).length, { timeout: 15_000 }).toBe(1)
    await expectFocusOn(run, 'the Run button after the dialog closed')
    expect(ourErrors(errors)).toEqual([])
  })
})
