/**
 * "Forgot password?" in the playground: the reset form starts with the email the user typed,
 * answers the same for known and unknown addresses, and the link the emulator "mailed" really
 * sets a new password that then signs in.
 */
import { describe, expect, it } from 'vitest'

import {
  expectSignedIn,
  mailedLink,
  newAccount,
  openSection,
  signInWithEmail,
  uniqueEmail
} from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

const SENT = 'If an account uses this address, a reset link is on its way. Check your inbox and spam folder.'

describe('resetting a forgotten password in the playground', () => {
  it('sends the same answer for any address, and the mailed link sets a password that works', async () => {
    const { email } = await newAccount('reset')
    const newPassword = 'New-Battery-Staple-7'
    const { page, section, errors } = await openSection(pw.context)

    await section.getByLabel('Email').fill(email)
    await section.getByRole('button', { name: 'Forgot password?' }).click()
    await section.getByRole('heading', { name: 'Reset your password' }).waitFor()
    expect(await section.getByLabel('Email').inputValue()).toBe(email)

    const send = section.getByRole('button', { name: 'Send reset link' })
    const answer = section.getByRole('status').filter({ hasText: SENT })
    await send.click()
    await answer.waitFor()
    const link = await mailedLink(email, 'PASSWORD_RESET')

    // An address without an account gets exactly the same answer, and no mail.
    const stranger = uniqueEmail('reset-nobody')
    await section.getByLabel('Email').fill(stranger)
    await answer.waitFor({ state: 'detached' })
    await send.click()
    await answer.waitFor()
    expect(await section.getByRole('alert').count()).toBe(0)
    await expect(mailedLink(stranger, 'PASSWORD_RESET')).rejects.toThrow()

    // The user follows the link; the emulator's page takes the new password in its URL.
    const mail = await pw.context.newPage()
    await mail.goto(`${link.oobLink}&newPassword=${encodeURIComponent(newPassword)}`)
    expect(await mail.textContent('body')).toContain('The password has been successfully updated.')
    await mail.close()
    await page.bringToFront()

    await section.getByRole('button', { name: 'Back to sign in' }).click()
    await signInWithEmail(section, email, newPassword)
    await expectSignedIn(section, email)
    // The emulator's 400 for the address without an account (the page says nothing of it).
    expect(ourErrors(errors, { auth: [400] })).toEqual([])
  })

  it('asks for an address before sending anything', async () => {
    const { section, errors } = await openSection(pw.context)
    await section.getByRole('button', { name: 'Forgot password?' }).click()
    await section.getByRole('button', { name: 'Send reset link' }).click()
    await section.getByRole('alert').getByText('Enter the email address of your account.').waitFor()
    expect(ourErrors(errors)).toEqual([])
  })
})
