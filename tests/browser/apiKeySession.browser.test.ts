/**
 * A key session over time: where the key is kept ("Keep me signed in" on or off), what
 * reloads and new tabs see, the background re-check at start-up (an outage never costs the key, a
 * definitive 401 does and says so), log out, ComfyUI's own User page, and a key next to a
 * Firebase sign-in.
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import {
  expectSignedIn,
  newAccount,
  openSection,
  reopenSection,
  signInWithEmail,
  statusCard
} from '../support/accountFlows'
import {
  keyField,
  keyLeaks,
  maskedForm,
  nothingStored,
  signInWithKey,
  storedKeys
} from '../support/apiKeyPage'
import { navLabel, ourErrors, type PlaygroundOptions, useBrowser } from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'

const comfyApi = comfyApiControl()
const session = useBrowser()
afterEach(async () => {
  await comfyApi.clearFault()
})

/** The sign-in tabs are what a signed-out user sees. */
const signInForm = (section: Locator) => section.getByRole('tab', { name: 'Comfy API key' })

/** Waits until the browser has the answer to the key check that start-up runs in the background. */
function keyRecheck(page: Page) {
  const comfyApiUrl = inject('comfyApiUrl')
  return page.waitForResponse(
    (response) => response.url() === `${comfyApiUrl}/customers` && response.request().method() === 'POST'
  )
}

describe('a key session', () => {
  it('stays signed in after a reload when "Keep me signed in" is on', async () => {
    const key = await comfyApi.issueKey({ name: 'Remembered Person' })
    const { page, section, errors } = await openSection(session.context)
    await signInWithKey(section, key)

    const reloaded = await reopenSection(page)
    await expect.poll(() => statusCard(reloaded).textContent()).toContain('Remembered Person')
    expect(await statusCard(reloaded).getByTestId('comfy-account-masked-key').textContent()).toBe(
      maskedForm(key)
    )
    expect(await storedKeys(page)).toEqual({ local: key, session: null })
    expect(ourErrors(errors)).toEqual([])
  })

  it('with "Keep me signed in" off, survives a reload in this tab only', async () => {
    const key = await comfyApi.issueKey({ name: 'Tab Person' })
    const { page, section, errors } = await openSection(session.context)
    const remember = section.getByRole('checkbox', { name: 'Keep me signed in on this device' })
    await remember.uncheck()
    await signInWithKey(section, key)
    expect(await storedKeys(page)).toEqual({ local: null, session: key })

    const reloaded = await reopenSection(page)
    await expect.poll(() => statusCard(reloaded).textContent()).toContain('Tab Person')

    // A new tab of the same browser: it shares localStorage, not this tab's sessionStorage.
    const other = await openSection(session.context)
    await signInForm(other.section).waitFor()
    expect(await statusCard(other.section).count()).toBe(0)
    expect(await storedKeys(other.page)).toEqual(nothingStored)
    expect(ourErrors([...errors, ...other.errors])).toEqual([])
  })

  it('keeps a stored key when Comfy has an outage at start-up', async () => {
    const key = await comfyApi.issueKey({ name: 'Outage Person' })
    const { page, section, errors } = await openSection(session.context)
    await signInWithKey(section, key)

    await comfyApi.setFault({ status: 503 })
    const rechecked = keyRecheck(page)
    const reloaded = await reopenSection(page)
    expect((await rechecked).status()).toBe(503)
    const card = statusCard(reloaded)
    await expect
      .poll(() => card.getByTestId('comfy-account-credits').textContent())
      .toBe('Could not load your credits. Try refreshing.')
    expect(await card.getByTestId('comfy-account-method').textContent()).toBe('Comfy API key')
    expect(await card.getByTestId('comfy-account-masked-key').textContent()).toBe(maskedForm(key))
    expect(await storedKeys(page)).toEqual({ local: key, session: null })

    // Comfy is back: the same key still works, also after another reload.
    await comfyApi.clearFault()
    await card.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => card.getByTestId('comfy-account-credits').textContent()).toBe('$5.00')
    const again = await reopenSection(page)
    await expect.poll(() => statusCard(again).textContent()).toContain('Outage Person')
    expect(await storedKeys(page)).toEqual({ local: key, session: null })
    expect(ourErrors(errors, { comfyApi: [503] })).toEqual([])
  })

  it('removes a stored key Comfy no longer accepts, says so and asks for a new one', async () => {
    const key = await comfyApi.issueKey({ name: 'Revoked Person' })
    const { page, section: signedIn, errors } = await openSection(session.context)
    await signInWithKey(signedIn, key)

    await comfyApi.forgetIssuedKeys()
    const section = await reopenSection(page)
    const alert = section.getByRole('alert')
    await expect
      .poll(() => alert.textContent())
      .toContain('Comfy no longer accepts the API key saved on this device, so it was removed.')
    expect(await section.getByRole('tab', { name: 'Comfy API key' }).getAttribute('aria-selected')).toBe(
      'true'
    )
    expect(await keyField(section).isVisible()).toBe(true)
    expect(await statusCard(section).count()).toBe(0)
    expect(await storedKeys(page)).toEqual(nothingStored)

    const replacement = await comfyApi.issueKey({ name: 'Revoked Person' })
    await signInWithKey(section, replacement)
    expect(await storedKeys(page)).toEqual({ local: replacement, session: null })
    expect(ourErrors(errors, { comfyApi: [401] })).toEqual([])
  })

  it('another open tab follows the sign-in, shows whose key it is, and follows the log out', async () => {
    const key = await comfyApi.issueKey({ name: 'Two Tabs', email: 'two.tabs@example.com' })
    const other = await openSection(session.context)
    await signInForm(other.section).waitFor()

    const { page, section, errors } = await openSection(session.context)
    await signInWithKey(section, key)

    await other.page.bringToFront()
    const otherCard = statusCard(other.section)
    await expect
      .poll(() => otherCard.getByTestId('comfy-account-masked-key').textContent())
      .toBe(maskedForm(key))
    await expect.poll(() => otherCard.textContent()).toContain('Two Tabs')
    expect(await otherCard.textContent()).toContain('two.tabs@example.com')

    await page.bringToFront()
    await statusCard(section).getByRole('button', { name: 'Log out' }).click()
    await other.page.bringToFront()
    await signInForm(other.section).waitFor()
    expect(await storedKeys(other.page)).toEqual(nothingStored)
    expect(ourErrors([...errors, ...other.errors])).toEqual([])
  })

  it.for([
    { remembered: 'remembered', remember: true },
    { remembered: 'kept for this tab only', remember: false }
  ])('log out removes a $remembered key from every storage', async ({ remember }) => {
    const key = await comfyApi.issueKey()
    const { page, section, errors } = await openSection(session.context)
    await section.getByRole('checkbox', { name: 'Keep me signed in on this device' }).setChecked(remember)
    await signInWithKey(section, key)
    expect(await storedKeys(page)).not.toEqual(nothingStored)

    await statusCard(section).getByRole('button', { name: 'Log out' }).click()
    await signInForm(section).waitFor()
    expect(await storedKeys(page)).toEqual(nothingStored)

    const reloaded = await reopenSection(page)
    await signInForm(reloaded).waitFor()
    expect(await statusCard(reloaded).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})

describe("ComfyUI's own User page", () => {
  const withBuiltin: PlaygroundOptions = { builtinUser: true }

  async function openNavEntry(page: Page, label: string): Promise<void> {
    await page.getByRole('dialog').getByRole('option', { name: label, exact: true }).click()
  }

  it('sees our key in the same tab without a reload, and sees it gone after our log out', async () => {
    const key = await comfyApi.issueKey()
    const { page, section, errors } = await openSection(session.context, withBuiltin)
    expect(navLabel(withBuiltin)).toBe('Comfy Account')

    await signInWithKey(section, key)
    await openNavEntry(page, 'User')
    const builtin = page.getByTestId('builtin-user-panel')
    await expect
      .poll(() => builtin.getByTestId('builtin-user-key').textContent())
      .toBe(`API key: ${maskedForm(key)}`)
    expect(await keyLeaks(page, key)).toEqual([])

    // The section's locator finds it again once its nav entry shows it.
    await openNavEntry(page, 'Comfy Account')
    await statusCard(section).getByRole('button', { name: 'Log out' }).click()
    await signInForm(section).waitFor()
    await openNavEntry(page, 'User')
    await expect.poll(() => builtin.getByTestId('builtin-user-status').textContent()).toBe('Not signed in')
    expect(ourErrors(errors)).toEqual([])
  })

  it('a key saved on that page while signed in with email: the card says email is in use and names the key', async () => {
    const { email, password } = await newAccount('key-and-email')
    const key = await comfyApi.issueKey()
    const { page, section, errors } = await openSection(session.context, withBuiltin)

    // For this tab only: ComfyUI's page then cannot see the email sign-in and offers a key, as the
    // real page does. A remembered session reaches it within 500 ms and the offer would be gone.
    await signInWithEmail(section, email, password, { remember: false })
    await expectSignedIn(section, email, 15_000)

    // The host's page stores the key the way ComfyUI does (useLocalStorage, same tab).
    await openNavEntry(page, 'User')
    await page.getByRole('button', { name: 'Enter API key' }).click()
    await page.getByRole('textbox', { name: 'Paste a Comfy API key' }).fill(key)
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.getByTestId('builtin-user-key').waitFor()

    await openNavEntry(page, 'Comfy Account')
    const card = statusCard(section)
    await expect.poll(() => card.getByTestId('comfy-account-method').textContent()).toBe('Email and password')
    const shadowedKey = (card: Locator) =>
      card.getByRole('note').filter({ hasText: 'also saved on this device' })
    const note = shadowedKey(card)
    await expect.poll(() => note.textContent()).toContain(maskedForm(key))

    // Both are restored after a reload, and the email sign-in still wins.
    const reloaded = await reopenSection(page, withBuiltin)
    await expect
      .poll(() => statusCard(reloaded).getByTestId('comfy-account-method').textContent())
      .toBe('Email and password')
    await expect.poll(() => shadowedKey(statusCard(reloaded)).textContent()).toContain(maskedForm(key))
    expect(ourErrors(errors)).toEqual([])
  })
})
