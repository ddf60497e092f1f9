/**
 * The foundation's flow, through the real parts: Settings → our section → email sign-in →
 * status card → reload → still signed in → log out → signed out.
 */
import { describe, expect, it } from 'vitest'

import { newAccount, openSection, reopenSection, statusCard } from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

describe('email sign-in in the playground', () => {
  it('signs in, survives a reload, and logs out', async () => {
    const { email, password } = await newAccount('browser')
    const { page, section, errors } = await openSection(pw.context)
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill(password)
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()

    const card = statusCard(section)
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(email)
    await expect.poll(() => card.getByTestId('comfy-account-credits').textContent()).toBe('$5.00')

    const reloaded = await reopenSection(page)
    await expect.poll(() => statusCard(reloaded).textContent(), { timeout: 15_000 }).toContain(email)

    await reloaded.getByRole('button', { name: 'Log out' }).click()
    await reloaded.getByLabel('Email').waitFor()
    const afterLogOut = await reopenSection(page)
    await afterLogOut.getByLabel('Email').waitFor()
    expect(await statusCard(afterLogOut).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })

  it('keeps the typed email and explains a wrong password', async () => {
    const { email } = await newAccount('browser')
    const { section, errors } = await openSection(pw.context)
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill('not-the-password')
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()
    const alert = section.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('The email or password is not right')
    expect(await section.getByLabel('Email').inputValue()).toBe(email)
    expect(await statusCard(section).count()).toBe(0)
    expect(ourErrors(errors, { auth: [400] })).toEqual([])
  })
})
