/**
 * Creating an account with email and password in the playground: the password rules update as
 * the user types, a mismatched confirmation is pointed out, and a new account lands on the status
 * card as "Not verified".
 */
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import {
  expectSignedIn,
  newAccount,
  openSection,
  PASSWORD,
  statusCard,
  uniqueEmail
} from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

/** Each rule reads "<rule> (met)" or "<rule> (not met yet)" to a screen reader. */
async function ruleStates(section: Locator): Promise<Record<string, boolean>> {
  const items = section.getByRole('list', { name: 'Password rules' }).getByRole('listitem')
  const texts = await items.allTextContents()
  return Object.fromEntries(
    texts.map((text) => [text.replace(/\((met|not met yet)\)/u, '').trim(), text.includes('(met)')])
  )
}

async function openCreateAccount(section: Locator) {
  await section.getByRole('button', { name: 'Create an account' }).click()
  await section.getByRole('heading', { name: 'Create a Comfy account' }).waitFor()
  return {
    email: section.getByLabel('Email'),
    password: section.getByLabel('Password', { exact: true }),
    confirmation: section.getByLabel('Confirm password'),
    submit: section.getByRole('button', { name: 'Create account' })
  }
}

describe('creating an account in the playground', () => {
  it('shows the password rules as the user types, flags a mismatch, and signs the new user in', async () => {
    const email = uniqueEmail('signup')
    const { section, errors } = await openSection(pw.context)
    const form = await openCreateAccount(section)

    expect(await ruleStates(section)).toEqual({
      '8 to 32 characters': false,
      'An upper-case letter': false,
      'A lower-case letter': false,
      'A digit': false,
      'A symbol, such as ! or #': false
    })
    await form.email.fill(email)
    await form.password.pressSequentially('horse')
    expect(await ruleStates(section)).toEqual({
      '8 to 32 characters': false,
      'An upper-case letter': false,
      'A lower-case letter': true,
      'A digit': false,
      'A symbol, such as ! or #': false
    })
    await form.password.pressSequentially('-Battery42')
    expect(Object.values(await ruleStates(section))).toEqual([true, true, true, true, true])

    const mismatch = section.getByText('The two passwords are not the same.')
    await form.confirmation.pressSequentially('horse-Battery')
    await mismatch.waitFor()
    await form.confirmation.pressSequentially('42')
    await mismatch.waitFor({ state: 'detached' })

    await form.submit.click()
    const card = await expectSignedIn(section, email)
    await card.getByText('Not verified', { exact: true }).waitFor()
    expect(await card.getByTestId('comfy-account-method').textContent()).toBe('Email and password')
    expect(ourErrors(errors)).toEqual([])
  })

  it('does not submit until every rule is met and both passwords match', async () => {
    const { section, errors } = await openSection(pw.context)
    const form = await openCreateAccount(section)
    await form.email.fill(uniqueEmail('signup-weak'))
    await form.password.fill('short')
    await form.confirmation.fill('short')
    await form.submit.click()
    await section.getByRole('alert').getByText('Your password does not meet every rule yet.').waitFor()

    await form.password.fill(PASSWORD)
    await form.confirmation.fill(`${PASSWORD}x`)
    await form.submit.click()
    await section.getByRole('alert').getByText('The two passwords are not the same.').waitFor()
    expect(await statusCard(section).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })

  it('says so when the address already has an account', async () => {
    const { email } = await newAccount('signup-taken')
    const { section, errors } = await openSection(pw.context)
    const form = await openCreateAccount(section)
    await form.email.fill(email)
    await form.password.fill(PASSWORD)
    await form.confirmation.fill(PASSWORD)
    await form.submit.click()
    await section
      .getByRole('alert')
      .getByText('An account with this email already exists. Sign in instead, or reset your password.')
      .waitFor()
    expect(ourErrors(errors, { auth: [400] })).toEqual([])
  })
})
