/**
 * At home in ComfyUI's languages, in the playground: the section follows ComfyUI's language live (no reload), lays out
 * right-to-left in Arabic, looks right in both themes (the README screenshots), and our three
 * commands work from the host's command runner.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { newAccount, openSection, openSectionAndSignIn, statusCard } from '../support/accountFlows'
import {
  openAccountSection,
  openPlayground,
  ourErrors,
  recordPageErrors,
  useBrowser
} from '../support/browser'
import { closeSettings } from '../support/hostPage'

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

interface Messages {
  settingsCategories: Record<string, string>
  comfyAccount: { signIn: { submit: string; email: string } }
}

/** Our strings in one language, as the section and the host's merged i18n show them. */
function messages(lang: string): Messages {
  const read = (file: string): object =>
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`../../locales/${lang}/${file}`, import.meta.url)), 'utf8')
    ) as object
  return { ...read('main.json'), ...read('account.json') } as Messages
}

const en = messages('en')
const fr = messages('fr')
const ar = messages('ar')

const session = useBrowser([], { viewport: { width: 1280, height: 800 } })

beforeAll(() => {
  mkdirSync(screenshots, { recursive: true })
})
afterEach(async () => {
  // Setting values live on the playground server for every later test file: put back the defaults.
  await fetch(new URL('api/settings', inject('playgroundUrl')), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'Comfy.Locale': 'en', 'Comfy.ColorPalette': 'dark' })
  })
})

/** The top bar's language select sets `Comfy.Locale`, whatever dialog is open over it. */
async function switchLanguage(page: Page, lang: string): Promise<void> {
  await page.getByRole('banner').getByLabel('Language').selectOption(lang)
}

function settingsDialog(page: Page): Locator {
  return page.getByTestId('settings-dialog')
}

function signInButton(section: Locator, text: string): Locator {
  return section.getByRole('button', { name: text, exact: true })
}

/** Fonts loaded and no transition running, so a screenshot shows the settled page. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)))
  })
}

describe('language', () => {
  it('follows ComfyUI’s language live, without a reload, and back', async () => {
    expect(fr.comfyAccount.signIn.submit).not.toBe(en.comfyAccount.signIn.submit)
    const { page, section, errors } = await openSection(session.context)
    await signInButton(section, en.comfyAccount.signIn.submit).waitFor()
    await page.evaluate(() => {
      ;(window as { sameDocument?: boolean }).sameDocument = true
    })
    await section.evaluate((element) => element.setAttribute('data-test-mark', 'before'))

    await switchLanguage(page, 'fr')
    await signInButton(section, fr.comfyAccount.signIn.submit).waitFor({ timeout: 10_000 })
    expect(await signInButton(section, en.comfyAccount.signIn.submit).count()).toBe(0)
    expect(await section.getByLabel(fr.comfyAccount.signIn.email, { exact: true }).count()).toBe(1)
    // The host's nav entry is translated from our merged settingsCategories (its own word).
    await settingsDialog(page)
      .getByRole('option', { name: fr.settingsCategories.User, exact: true })
      .waitFor()
    expect(await section.getAttribute('dir')).toBe('ltr')

    await switchLanguage(page, 'en')
    await signInButton(section, en.comfyAccount.signIn.submit).waitFor({ timeout: 10_000 })
    expect(await signInButton(section, fr.comfyAccount.signIn.submit).count()).toBe(0)
    await settingsDialog(page).getByRole('option', { name: 'User', exact: true }).waitFor()

    // Same page, same section element: the language changed in place.
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(await section.getAttribute('data-test-mark')).toBe('before')
    expect(ourErrors(errors)).toEqual([])
  })

  it('lays out right to left in Arabic (docs/screenshots/section-rtl.png)', async () => {
    const { page, section, errors } = await openSection(session.context)
    await switchLanguage(page, 'ar')
    await signInButton(section, ar.comfyAccount.signIn.submit).waitFor({ timeout: 10_000 })
    await settingsDialog(page)
      .getByRole('option', { name: ar.settingsCategories.User, exact: true })
      .waitFor()

    expect(await section.getAttribute('dir')).toBe('rtl')
    expect(await section.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl')
    // Right to left: text starts at the section's right edge (measured on the label's text itself,
    // as the label box spans the whole row either way).
    const gaps = await section.evaluate((element, text) => {
      const label = [...element.querySelectorAll('span')].find((span) => span.textContent?.trim() === text)
      if (!label) return null
      const range = document.createRange()
      range.selectNodeContents(label)
      const glyphs = range.getBoundingClientRect()
      const box = element.getBoundingClientRect()
      return { left: glyphs.left - box.left, right: box.right - glyphs.right }
    }, ar.comfyAccount.signIn.email)
    if (!gaps) throw new Error('The email label is missing from the Arabic sign-in form.')
    expect(gaps.right).toBeLessThan(gaps.left)

    await settled(page)
    await settingsDialog(page).screenshot({ path: `${screenshots}section-rtl.png` })
    expect(ourErrors(errors)).toEqual([])
  })
})

describe('README screenshots', () => {
  it.for(['dark', 'light'] as const)('shows the sign-in form in the %s theme', async (theme) => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const darkSwitch = page.getByRole('switch', { name: 'Dark theme' })
    if ((await darkSwitch.isChecked()) !== (theme === 'dark')) await darkSwitch.click()
    await expect.poll(() => darkSwitch.isChecked()).toBe(theme === 'dark')

    const section = await openAccountSection(page)
    await signInButton(section, en.comfyAccount.signIn.submit).waitFor()
    await settled(page)
    await settingsDialog(page).screenshot({ path: `${screenshots}section-${theme}.png` })
    expect(ourErrors(errors)).toEqual([])
  })
})

describe('commands in the command runner', () => {
  async function execute(page: Page, id: string): Promise<void> {
    await page.getByLabel('Command', { exact: true }).selectOption(id)
    await page.getByRole('button', { name: 'Execute', exact: true }).click()
  }

  it.for(['ComfyAccount.SignIn', 'ComfyAccount.OpenSettings'])(
    '%s opens our dialog with the sign-in form',
    async (id) => {
      const page = await openPlayground(session.context)
      const errors = recordPageErrors(page)
      await execute(page, id)

      const dialog = page.locator('dialog.comfy-account-dialog')
      await dialog.waitFor({ timeout: 15_000 })
      expect(await dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true)
      await dialog.getByLabel('Email', { exact: true }).waitFor()
      await signInButton(dialog, 'Sign in').waitFor()

      await dialog.getByRole('button', { name: 'Close', exact: true }).click()
      await dialog.waitFor({ state: 'detached' })
      expect(ourErrors(errors)).toEqual([])
    }
  )

  it('ComfyAccount.SignOut signs out: the section shows the sign-in form again', async () => {
    const { email, password } = await newAccount('command')
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    await openSectionAndSignIn(page, email, password)
    await closeSettings(page)

    await execute(page, 'ComfyAccount.SignOut')
    await page.getByText('You are logged out.').first().waitFor({ timeout: 15_000 })

    const section = await openAccountSection(page)
    await signInButton(section, 'Sign in').waitFor({ timeout: 15_000 })
    await section.getByLabel('Email', { exact: true }).waitFor()
    expect(await statusCard(section).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})
