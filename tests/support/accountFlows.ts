/**
 * What the Firebase sign-in browser tests do in the playground, as a user would: open the section
 * (again after a reload or in another tab), sign in with email, and go through the Auth Emulator's
 * fake Google/GitHub page in a popup. Accounts and mailed links come from the emulator's REST API
 * (`newAccount` serves the integration tests too).
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { inject } from 'vitest'

import { emulatorAdmin, type EmulatorAdmin } from '../../dev/services/emulatorAdmin'
import {
  openAccountSection,
  openPlayground,
  type PlaygroundOptions,
  recordPageErrors,
  reloadApp
} from './browser'

export function admin(): EmulatorAdmin {
  return emulatorAdmin(inject('authEmulatorUrl'), inject('firebaseProjectId'))
}

/** Meets every password rule. */
export const PASSWORD = 'Correct-Horse-42!'

export function uniqueEmail(label = 'user'): string {
  return `${label}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`
}

/** An email/password account made through the emulator's REST API (unverified unless asked). */
export async function newAccount(label?: string, options?: { verified?: boolean }) {
  const email = uniqueEmail(label)
  await admin().createUser(email, PASSWORD, options)
  return { email, password: PASSWORD }
}

/** The newest link of one kind the emulator "mailed" to `email`. */
export async function mailedLink(email: string, requestType: 'PASSWORD_RESET' | 'VERIFY_EMAIL') {
  const codes = (await admin().oobCodes()).filter((c) => c.email === email && c.requestType === requestType)
  const newest = codes.at(-1)
  if (!newest) throw new Error(`The emulator has no ${requestType} link for ${email}.`)
  return { ...newest, count: codes.length }
}

/** The `data-testid` of our status card, for code that runs in the page (`page.evaluate`). */
export const STATUS_CARD_TEST_ID = 'comfy-account-status'

/** Our status card within `scope` (a section, a dialog, the whole page): there only when signed in. */
export function statusCard(scope: Locator | Page): Locator {
  return scope.getByTestId(STATUS_CARD_TEST_ID)
}

export interface OpenedSection {
  page: Page
  section: Locator
  /** What the tab logs from the moment the app is ready (`recordPageErrors`); check with `ourErrors`. */
  errors: string[]
}

/** A new tab of the playground with the account section open, its errors recorded. */
export async function openSection(
  context: BrowserContext,
  options: PlaygroundOptions = {}
): Promise<OpenedSection> {
  const page = await openPlayground(context, options)
  const errors = recordPageErrors(page)
  return { page, section: await openAccountSection(page, options), errors }
}

/** Reloads the tab as a user would and opens the section again. */
export async function reopenSection(page: Page, options: PlaygroundOptions = {}): Promise<Locator> {
  await reloadApp(page)
  return openAccountSection(page, options)
}

/** The sign-in form is showing: the section decided nobody is signed in. */
export async function expectSignedOut(section: Locator, timeout?: number): Promise<void> {
  await section.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout })
  await statusCard(section).waitFor({ state: 'detached', timeout })
}

/** Waits for the status card showing `text` (an email, a method) and returns the card. */
export async function expectSignedIn(section: Locator, text: string, timeout?: number): Promise<Locator> {
  const card = statusCard(section)
  await card.getByText(text, { exact: true }).first().waitFor({ timeout })
  return card
}

export async function signInWithEmail(
  section: Locator,
  email: string,
  password: string,
  { remember = true } = {}
): Promise<void> {
  await section.getByLabel('Email').fill(email)
  await section.getByLabel('Password', { exact: true }).fill(password)
  await section.getByRole('checkbox', { name: 'Keep me signed in on this device' }).setChecked(remember)
  await section.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Opens the section in a page already showing the playground, signs in, and waits for the card. */
export async function openSectionAndSignIn(
  page: Page,
  email: string,
  password: string,
  options: PlaygroundOptions = {}
): Promise<Locator> {
  const section = await openAccountSection(page, options)
  await signInWithEmail(section, email, password)
  await expectSignedIn(section, email, 15_000)
  return section
}

export type Provider = 'Google' | 'GitHub'

/** Clicks "Continue with <provider>" and returns the popup the emulator's fake IdP page opens in. */
export async function openProviderPopup(page: Page, section: Locator, provider: Provider): Promise<Page> {
  const popup = page.waitForEvent('popup')
  await section.getByRole('button', { name: `Continue with ${provider}` }).click()
  const opened = await popup
  await opened.waitForLoadState()
  return opened
}

export interface IdpAccount {
  email: string
  displayName: string
}

/**
 * The emulator's fake IdP page: "Add new account", fill it in, "Sign in with ...". Firebase then
 * closes the popup; a background tab is throttled, so the page is brought back to the front.
 */
export async function finishInPopup(page: Page, popup: Page, account: IdpAccount): Promise<void> {
  const closed = popup.waitForEvent('close')
  await popup.locator('#add-account-button').click()
  await popup.locator('#email-input').fill(account.email)
  await popup.locator('#display-name-input').fill(account.displayName)
  await popup.locator('#sign-in').click()
  await closed
  await page.bringToFront()
}

export async function signInWithProvider(
  page: Page,
  section: Locator,
  provider: Provider,
  account: IdpAccount
): Promise<void> {
  await finishInPopup(page, await openProviderPopup(page, section, provider), account)
}
