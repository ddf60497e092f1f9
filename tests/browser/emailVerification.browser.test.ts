/**
 * Email verification in the playground: the status card says "Not verified", "Resend" sends a new
 * link and then waits out a cooldown, and after the user follows the link and comes back to the
 * tab the card says "Verified" without a reload.
 */
import { describe, expect, it } from 'vitest'

import {
  admin,
  expectSignedIn,
  mailedLink,
  newAccount,
  openSection,
  signInWithEmail
} from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

describe('verifying the email address in the playground', () => {
  it('resends the link with a cooldown and notices the verification when the user comes back', async () => {
    const { email, password } = await newAccount('verify')
    const { page, section, errors } = await openSection(pw.context)
    await signInWithEmail(section, email, password)
    const card = await expectSignedIn(section, email)
    const badge = card.getByTestId('comfy-account-verified')
    await badge.getByText('Not verified', { exact: true }).waitFor()

    const mailedBefore = (await admin().oobCodes()).filter(
      (c) => c.email === email && c.requestType === 'VERIFY_EMAIL'
    ).length
    await card.getByRole('button', { name: 'Resend verification email' }).click()
    await card
      .getByRole('status')
      .getByText('Verification email sent. Open the link in it, then come back here.')
      .waitFor()
    const cooldown = card.getByRole('button', { name: /^Resend in \d+ s$/u })
    await cooldown.waitFor()
    expect(await cooldown.isDisabled()).toBe(true)
    const link = await mailedLink(email, 'VERIFY_EMAIL')
    expect(link.count).toBe(mailedBefore + 1)

    // The user opens the mail in another tab, follows the link, and comes back.
    const mail = await pw.context.newPage()
    await mail.goto(link.oobLink)
    expect(await mail.textContent('body')).toContain('The email has been successfully verified.')
    await mail.close()
    await page.bringToFront()
    // Headless Chromium keeps every tab "visible"; a real browser fires this on coming back.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))

    await badge.getByText('Verified', { exact: true }).waitFor()
    expect(await card.getByRole('button', { name: /^Resend/u }).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})
