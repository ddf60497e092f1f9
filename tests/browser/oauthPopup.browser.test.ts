/**
 * Google and GitHub sign-in in the playground, through the Auth Emulator's fake IdP page in a real
 * popup (offline: the emulator proxy and the playground serve a local gapi stand-in). Also what a
 * user sees when the popup is blocked or closed, and when the address already has an account.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import {
  expectSignedIn,
  newAccount,
  openProviderPopup,
  openSection,
  signInWithProvider,
  statusCard,
  uniqueEmail
} from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

describe('Google and GitHub sign-in in the playground', () => {
  it.for([
    { provider: 'Google', name: 'Ada Lovelace' },
    { provider: 'GitHub', name: 'Grace Hopper' }
  ] as const)('signs in with $provider in a popup', async ({ provider, name }) => {
    const email = uniqueEmail(provider.toLowerCase())
    const { page, section, errors } = await openSection(pw.context)

    await signInWithProvider(page, section, provider, { email, displayName: name })

    const card = await expectSignedIn(section, name)
    await card.getByText(email, { exact: true }).waitFor()
    expect(await card.getByTestId('comfy-account-method').textContent()).toBe(provider)
    expect(ourErrors(errors)).toEqual([])
  })

  it('explains a blocked popup and how to allow it', async () => {
    // What a popup blocker does to window.open.
    await pw.context.addInitScript(() => {
      window.open = () => null
    })
    const { section, errors } = await openSection(pw.context)
    await section.getByRole('button', { name: 'Continue with Google' }).click()
    await section
      .getByRole('alert')
      .getByText(
        'Your browser blocked the sign-in window. Allow pop-ups for this page (the blocked pop-up icon at the end of the address bar), then try again.'
      )
      .waitFor()
    expect(await section.getByRole('button', { name: 'Continue with GitHub' }).isEnabled()).toBe(true)
    expect(ourErrors(errors)).toEqual([])
  })

  it('explains a popup closed by the user, and the buttons work again', async () => {
    const { page, section, errors } = await openSection(pw.context)
    const popup = await openProviderPopup(page, section, 'Google')
    expect(await section.getByRole('button', { name: 'Continue with GitHub' }).isDisabled()).toBe(true)
    await popup.close()
    await page.bringToFront()

    // Firebase waits a few seconds after the window closed, in case the sign-in was still finishing.
    await section
      .getByRole('alert')
      .getByText('The sign-in window was closed before you finished. Try again when you are ready.')
      .waitFor({ timeout: 20_000 })

    const email = uniqueEmail('after-close')
    await signInWithProvider(page, section, 'GitHub', { email, displayName: 'Second Try' })
    await expectSignedIn(section, 'Second Try')
    expect(ourErrors(errors)).toEqual([])
  })

  it('signs in with Google on an address that has an unverified email account, as Firebase does', async () => {
    // Google vouches for its addresses, so Firebase (and the emulator) hands the account to Google
    // rather than refusing; the unverified password stops working.
    const { email } = await newAccount('takeover')
    const { page, section, errors } = await openSection(pw.context)
    await signInWithProvider(page, section, 'Google', { email, displayName: 'Rightful Owner' })
    const card = await expectSignedIn(section, 'Rightful Owner')
    await card.getByText(email, { exact: true }).waitFor()
    expect(await card.getByTestId('comfy-account-method').textContent()).toBe('Google')
    expect(ourErrors(errors)).toEqual([])
  })

  it('tells the user which method the address already signs in with', async () => {
    const { email } = await newAccount('exists')
    const { page, section, errors } = await openSection(pw.context)
    const popup = await openProviderPopup(page, section, 'GitHub')
    await finishUnvouched(page, popup, email)
    await section
      .getByRole('alert')
      .getByText(
        'This email address already has a Comfy account, which signs in with: Email and password. Use that to sign in.'
      )
      .waitFor()
    expect(await statusCard(section).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})

/**
 * The emulator's IdP page always vouches for the address (`email_verified: true`), so it links
 * instead of failing. A provider that does not vouch for it (GitHub with an unverified address,
 * say) is what makes Firebase answer auth/account-exists-with-different-credential: finish with
 * the page's own function and such claims.
 */
async function finishUnvouched(page: Page, popup: Page, email: string): Promise<void> {
  const closed = popup.waitForEvent('close')
  await popup.evaluate((address) => {
    const claims = { sub: `${Date.now()}`, email: address, email_verified: false, name: 'Octo Cat' }
    const idp = window as unknown as { finishWithUser(idToken: string, email: string): void }
    idp.finishWithUser(encodeURIComponent(JSON.stringify(claims)), address)
  }, email)
  await closed
  await page.bringToFront()
}
