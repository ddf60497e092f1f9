/**
 * The foundation's flow, through the real parts: Settings → our section → email sign-in →
 * status card → reload → still signed in → log out → signed out.
 */
import { describe, expect, inject, it } from 'vitest'

import { emulatorAdmin } from '../../dev/services/emulatorAdmin'
import { ourErrors } from '../support/accountFlows'
import {
  openAccountSection,
  openPlayground,
  recordPageErrors,
  useBrowser,
  waitForApp
} from '../support/browser'

const admin = emulatorAdmin(inject('authEmulatorUrl'), inject('firebaseProjectId'))
const pw = useBrowser()

async function newAccount() {
  const email = `browser-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`
  const password = 'Correct-Horse-42!'
  await admin.createUser(email, password)
  return { email, password }
}

describe('email sign-in in the playground', () => {
  it('signs in, survives a reload, and logs out', async () => {
    const { email, password } = await newAccount()
    const page = await openPlayground(pw.context)
    const errors = recordPageErrors(page)

    let section = await openAccountSection(page)
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill(password)
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()

    const card = section.getByTestId('comfy-account-status')
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(email)
    await expect.poll(() => card.getByTestId('comfy-account-credits').textContent()).toBe('$5.00')

    await page.reload()
    await waitForApp(page)
    section = await openAccountSection(page)
    await expect
      .poll(() => section.getByTestId('comfy-account-status').textContent(), { timeout: 15_000 })
      .toContain(email)

    await section.getByRole('button', { name: 'Log out' }).click()
    await section.getByLabel('Email').waitFor()
    await page.reload()
    await waitForApp(page)
    section = await openAccountSection(page)
    await section.getByLabel('Email').waitFor()
    expect(await section.getByTestId('comfy-account-status').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('keeps the typed email and explains a wrong password', async () => {
    const { email } = await newAccount()
    const page = await openPlayground(pw.context)
    const errors = recordPageErrors(page)
    const section = await openAccountSection(page)
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill('not-the-password')
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()
    const alert = section.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('The email or password is not right')
    expect(await section.getByLabel('Email').inputValue()).toBe(email)
    expect(await section.getByTestId('comfy-account-status').count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})
