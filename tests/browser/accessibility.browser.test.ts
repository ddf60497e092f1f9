/**
 * No WCAG 2.2 AA violation (axe-core) in any state of our UI: every form of the sign-in section,
 * every error and warning it shows, the status card of each sign-in method, and our own dialog
 * with the partner-node prompt; in the dark and the light theme, and right to left (Arabic).
 * The audit is scoped to our roots (tests/support/accessibility.ts). Elements are found by
 * structure, not by their English text, so the same steps run in every language.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import { expectSignedIn, newAccount, PASSWORD, uniqueEmail } from '../support/accountFlows'
import { expectNoViolations, OUR_ROOTS } from '../support/accessibility'
import {
  ourErrors,
  playgroundUrl,
  recordPageErrors,
  reloadApp,
  useBrowser,
  waitForApp
} from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'

/** A LAN-like name mapped to the playground: where Google/GitHub cannot work and http is remote. */
const REMOTE_HOST = 'comfy.test'
const session = useBrowser([`--host-resolver-rules=MAP ${REMOTE_HOST} 127.0.0.1`], {
  viewport: { width: 1280, height: 800 }
})
const comfyApi = comfyApiControl()

interface Variant {
  name: string
  theme: 'dark' | 'light'
  locale: string
}

const VARIANTS: readonly Variant[] = [
  { name: 'the dark theme', theme: 'dark', locale: 'en' },
  { name: 'the light theme', theme: 'light', locale: 'en' },
  { name: 'Arabic, right to left', theme: 'light', locale: 'ar' },
  { name: 'Arabic, right to left, dark', theme: 'dark', locale: 'ar' }
]

/** The playground server keeps settings for the whole run (every later file sees them). */
async function setHostSettings(settings: Record<string, unknown>): Promise<void> {
  await fetch(new URL('api/settings', inject('playgroundUrl')), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings)
  })
}

afterEach(async () => {
  await comfyApi.clearFault()
  await setHostSettings({ 'Comfy.Locale': 'en', 'Comfy.ColorPalette': 'dark' })
})

async function openHost(variant: Variant, host = '127.0.0.1'): Promise<{ page: Page; errors: string[] }> {
  await setHostSettings({ 'Comfy.Locale': variant.locale, 'Comfy.ColorPalette': variant.theme })
  const url = new URL(playgroundUrl())
  url.hostname = host
  const page = await session.context.newPage()
  const errors = recordPageErrors(page)
  await page.goto(url.toString())
  await waitForApp(page)
  return { page, errors }
}

/** Settings → our nav entry, by its name in the variant's language (the host's messages). */
async function openSectionIn(page: Page, variant: Variant): Promise<Locator> {
  const main = JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../locales/${variant.locale}/main.json`, import.meta.url)), 'utf8')
  ) as { settingsCategories: { User: string } }
  // The playground's own gear is in English whatever the language.
  await page.getByRole('button', { name: 'Settings' }).first().click()
  await page.getByRole('option', { name: main.settingsCategories.User, exact: true }).click()
  const section = page.locator(OUR_ROOTS.section)
  // Signed out (either tab) or signed in: whichever the section decided.
  await section.locator('[role="tabpanel"]:visible, [data-testid="comfy-account-status"]').first().waitFor()
  expect(await section.getAttribute('dir')).toBe(variant.locale === 'ar' ? 'rtl' : 'ltr')
  return section
}

async function openVariantSection(
  variant: Variant,
  host?: string
): Promise<{ page: Page; section: Locator; errors: string[] }> {
  const { page, errors } = await openHost(variant, host)
  return { page, section: await openSectionIn(page, variant), errors }
}

/** The form in the panel on screen (the other tab's panel stays mounted, hidden). */
function shownPanel(section: Locator): Locator {
  return section.locator('[role="tabpanel"]:visible')
}

function submitButton(section: Locator): Locator {
  return shownPanel(section).locator('button[type="submit"]')
}

/** The text buttons next to a form's submit button: forgot password, or the way back. */
function formLink(section: Locator): Locator {
  return shownPanel(section).locator('.ca-actions > .ca-link')
}

async function alertShown(scope: Locator): Promise<void> {
  await scope.locator('[role="alert"]:visible').first().waitFor({ timeout: 15_000 })
}

function audit(page: Page, state: string, root: string = OUR_ROOTS.section): Promise<void> {
  return expectNoViolations(page, root, state)
}

/** Settled: no spinner turning, nothing waiting on an answer, so colours are the final ones. */
async function idle(section: Locator): Promise<void> {
  await section.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 })
}

describe.for(VARIANTS)('no accessibility violations in $name', (variant) => {
  it('in every sign-in form and every error it shows', async () => {
    const { email } = await newAccount('a11y')
    const { page, section, errors } = await openVariantSection(variant)
    await audit(page, 'the sign-in form')

    await submitButton(section).click()
    await alertShown(section)
    await audit(page, 'sign-in with empty fields')

    await section.locator('input[name="email"]').fill(email)
    await section.locator('input[name="password"]').fill('not-the-password')
    await submitButton(section).click()
    await section.locator('input[name="password"][aria-invalid="true"]').waitFor({ timeout: 15_000 })
    await alertShown(section)
    await idle(section)
    await audit(page, 'a wrong password')

    await section.locator('.ca-help-toggle').click()
    await audit(page, 'the trouble help, open')

    await shownPanel(section).locator('form > p .ca-link').click()
    await section.locator('input[name="new-password"]').fill('short1')
    await section.locator('input[name="confirm-password"]').fill('short2')
    await submitButton(section).click()
    await alertShown(section)
    await audit(page, 'create account: rules partly met, confirmation mismatch')
    await section.locator('input[name="new-password"]').fill(PASSWORD)
    await section.locator('input[name="confirm-password"]').fill(PASSWORD)
    await audit(page, 'create account: every rule met')

    await formLink(section).click()
    await formLink(section).click()
    await section.locator('input[name="email"]').fill('')
    await submitButton(section).click()
    await alertShown(section)
    await audit(page, 'reset password with no address')
    await section.locator('input[name="email"]').fill(email)
    await submitButton(section).click()
    await shownPanel(section).locator('[role="status"]').waitFor({ timeout: 15_000 })
    await idle(section)
    await audit(page, 'reset password: link sent')

    await section.locator('[role="tab"]').nth(1).click()
    const key = section.locator('input[name="api-key"]')
    await key.waitFor()
    await audit(page, 'the API key tab')
    await key.fill('comfyui-short')
    await submitButton(section).click()
    await key.and(section.locator('[aria-invalid="true"]')).waitFor()
    await audit(page, 'the API key tab: a key of the wrong format')

    await key.fill(`comfyui-${'0'.repeat(64)}`)
    await submitButton(section).click()
    await alertShown(section)
    await idle(section)
    await audit(page, 'the API key tab: a key Comfy rejects')

    await comfyApi.setFault({ status: 503, path: '/customers' })
    await key.fill(await comfyApi.issueKey())
    await submitButton(section).click()
    await alertShown(section)
    await idle(section)
    await audit(page, 'the API key tab: Comfy cannot check the key')

    expect(
      ourErrors(errors, { auth: [400], comfyApi: [401, 503] }),
      'errors other than the provoked ones'
    ).toEqual([])
  })

  it('where Google and GitHub cannot work, on plain http', async () => {
    const { page, section, errors } = await openVariantSection(variant, REMOTE_HOST)
    await section.locator('[role="note"]').first().waitFor()
    await audit(page, 'the sign-in form at a remote http address')
    await section.locator('[role="tab"]').nth(1).click()
    await audit(page, 'the API key tab at a remote http address')
    expect(ourErrors(errors)).toEqual([])
  })

  it('with a blocked sign-in popup, and a saved key Comfy no longer accepts', async () => {
    const { page, section, errors } = await openVariantSection(variant)
    // What a popup blocker does to window.open.
    await page.evaluate(() => {
      window.open = () => null
    })
    await section.locator('.ca-oauth button').first().click()
    await alertShown(section)
    await audit(page, 'a blocked sign-in popup')

    await section.locator('[role="tab"]').nth(1).click()
    await section.locator('input[name="api-key"]').fill(await comfyApi.issueKey())
    await submitButton(section).click()
    await section.getByTestId('comfy-account-masked-key').waitFor({ timeout: 15_000 })
    await comfyApi.forgetIssuedKeys()
    await reloadApp(page)
    const again = await openSectionIn(page, variant)
    await alertShown(again)
    await idle(again)
    await audit(page, 'a saved key Comfy no longer accepts')
    expect(ourErrors(errors, { comfyApi: [401] })).toEqual([])
  })

  it('in the status card of an email session, with its notes and warnings', async () => {
    const { email, password } = await newAccount('a11y-card')
    const { page, section, errors } = await openVariantSection(variant)
    await section.locator('input[name="email"]').fill(email)
    await section.locator('input[name="password"]').fill(password)
    // Not kept on this device: the card notes that ComfyUI's own page does not see this sign-in.
    await section.locator('input[name="remember"]').setChecked(false)
    await comfyApi.setFault({ status: 503, path: '/customers' })
    await submitButton(section).click()
    const card = await expectSignedIn(section, email, 15_000)
    await alertShown(card)
    await idle(section)
    await audit(page, 'the status card: email, unverified, Comfy unavailable, this tab only')

    await comfyApi.clearFault()
    await card.locator('[data-testid="comfy-account-verified"] ~ button').click()
    await card.locator('.ca-message[role="status"]').waitFor({ timeout: 15_000 })
    await idle(section)
    await audit(page, 'the status card: verification email sent')
    expect(ourErrors(errors, { comfyApi: [503] })).toEqual([])
  })

  it('in the status card of an API key session and of a Google and a GitHub session', async () => {
    const { page, section, errors } = await openVariantSection(variant)
    await section.locator('[role="tab"]').nth(1).click()
    await section.locator('input[name="api-key"]').fill(await comfyApi.issueKey({ name: 'Key Person' }))
    await submitButton(section).click()
    const card = section.getByTestId('comfy-account-masked-key')
    await card.waitFor({ timeout: 15_000 })
    await idle(section)
    await audit(page, 'the status card: API key')
    await section.locator('.ca-card > button').last().click()
    await section.locator('input[name="email"]').waitFor({ timeout: 15_000 })

    for (const provider of ['Google', 'GitHub'] as const) {
      const email = uniqueEmail(`a11y-${provider.toLowerCase()}`)
      const popup = page.waitForEvent('popup')
      await section
        .locator('.ca-oauth button')
        .nth(provider === 'Google' ? 0 : 1)
        .click()
      const opened = await popup
      await opened.waitForLoadState()
      const closed = opened.waitForEvent('close')
      await opened.locator('#add-account-button').click()
      await opened.locator('#email-input').fill(email)
      await opened.locator('#display-name-input').fill(`${provider} Person`)
      await opened.locator('#sign-in').click()
      await closed
      await page.bringToFront()
      await expectSignedIn(section, email, 15_000)
      await idle(section)
      await audit(page, `the status card: ${provider}`)
      await section.locator('.ca-card > button').last().click()
      await section.locator('input[name="email"]').waitFor({ timeout: 15_000 })
    }
    expect(ourErrors(errors)).toEqual([])
  })

  it('in the partner-node dialog, its sign-in step and its "run now" step', async () => {
    const { email, password } = await newAccount('a11y-dialog')
    const { page, errors } = await openHost(variant)
    // The playground's own controls are in English whatever the language.
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const dialog = page.locator(OUR_ROOTS.dialog)
    await dialog.getByTestId('comfy-account-partner-nodes').waitFor({ timeout: 15_000 })
    await audit(page, 'the partner-node dialog', OUR_ROOTS.dialog)

    await dialog.locator('.ca-actions button').first().click()
    await dialog.locator('input[name="email"]').waitFor()
    await audit(page, 'the dialog: sign in', OUR_ROOTS.dialog)
    await dialog.locator('input[name="email"]').fill(email)
    await dialog.locator('input[name="password"]').fill(password)
    await dialog.locator('[role="tabpanel"]:visible button[type="submit"]').click()
    await dialog.locator('.ca-dialog__footer button').waitFor({ timeout: 15_000 })
    await idle(dialog)
    await audit(page, 'the dialog: signed in, run now', OUR_ROOTS.dialog)
    expect(ourErrors(errors)).toEqual([])
  })
})
