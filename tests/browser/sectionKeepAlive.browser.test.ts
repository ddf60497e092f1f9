/**
 * Closing and reopening the settings dialog: the section comes back at once and as it was left
 * (same tab, same email), but a password or API key typed and not submitted is gone the moment
 * the dialog closes, so the next person at a shared computer cannot use it.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openSection, PASSWORD, uniqueEmail } from '../support/accountFlows'
import { keyField, openKeyTab, unknownKey } from '../support/apiKeyPage'
import { openAccountSection, ourErrors, useBrowser } from '../support/browser'

const session = useBrowser()

async function closeSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await page.getByRole('dialog').waitFor({ state: 'detached' })
}

/** Every value typed into an input of our section, read from our root even while it is off the page. */
function typedValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = (window as { __sectionRoot?: Element }).__sectionRoot
    return [...(root?.querySelectorAll('input') ?? [])]
      .filter((input) => input.type !== 'checkbox' && input.type !== 'radio')
      .map((input) => input.value)
      .filter(Boolean)
  })
}

describe('reopening the settings dialog', () => {
  it('shows the same section at once, typed secrets emptied and everything else kept', async () => {
    const { page, section, errors } = await openSection(session.context)
    await page.evaluate(() => {
      const w = window as { __sectionRoot?: Element; __section?: Element }
      w.__sectionRoot = document.querySelector('.comfy-account-root')!
      w.__section = document.querySelector('section.comfy-account')!
    })
    const email = uniqueEmail('keepalive')
    const key = unknownKey()
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await openKeyTab(section)
    await keyField(section).fill(key)

    await closeSettings(page)
    // Within moments of closing, nothing secret is left in the section, even off the page.
    await expect.poll(() => typedValues(page)).toEqual([email])

    const again = await openAccountSection(page)
    // The very same elements: not a fresh mount.
    expect(
      await page.evaluate(() => {
        const w = window as { __sectionRoot?: Element; __section?: Element }
        return (
          w.__sectionRoot?.isConnected === true &&
          w.__section === document.querySelector('section.comfy-account')
        )
      })
    ).toBe(true)
    expect(await keyField(again).inputValue()).toBe('')
    await again.getByRole('tab', { name: 'Sign in' }).click()
    expect(await again.getByLabel('Email').inputValue()).toBe(email)
    expect(await again.getByLabel('Password', { exact: true }).inputValue()).toBe('')
    expect(ourErrors(errors)).toEqual([])
  })
})
