/**
 * "Keep me signed in on this device" and log out, seen from other tabs of the same browser:
 * off keeps the session in this tab only (a reload keeps it, a new tab does not), on shares it
 * with new tabs, and logging out in one tab signs every open tab out within 2 s.
 */
import { describe, expect, it } from 'vitest'

import {
  expectSignedIn,
  expectSignedOut,
  newAccount,
  openSection,
  reopenSection,
  signInWithEmail
} from '../support/accountFlows'
import { ourErrors, useBrowser } from '../support/browser'

const pw = useBrowser()

describe('sessions across tabs in the playground', () => {
  it('keeps a session this tab only when "keep me signed in" is off', async () => {
    const { email, password } = await newAccount('tab-only')
    const first = await openSection(pw.context)
    const remember = first.section.getByRole('checkbox', { name: 'Keep me signed in on this device' })
    expect(await remember.isChecked()).toBe(true)

    await signInWithEmail(first.section, email, password, { remember: false })
    await expectSignedIn(first.section, email)

    const again = await reopenSection(first.page)
    await expectSignedIn(again, email)

    const second = await openSection(pw.context)
    await expectSignedOut(second.section)
    expect(ourErrors([...first.errors, ...second.errors])).toEqual([])
  })

  it('shares the session with new tabs when "keep me signed in" is on', async () => {
    const { email, password } = await newAccount('remembered')
    const first = await openSection(pw.context)
    await signInWithEmail(first.section, email, password, { remember: true })
    await expectSignedIn(first.section, email)

    const second = await openSection(pw.context)
    await expectSignedIn(second.section, email)
    expect(ourErrors([...first.errors, ...second.errors])).toEqual([])
  })

  it('signs a second open tab out within 2 s of logging out in the first', async () => {
    const { email, password } = await newAccount('log-out')
    const first = await openSection(pw.context)
    await signInWithEmail(first.section, email, password)
    await expectSignedIn(first.section, email)
    const second = await openSection(pw.context)
    await expectSignedIn(second.section, email)

    await first.page.bringToFront()
    const clickedAt = Date.now()
    await first.section.getByRole('button', { name: 'Log out' }).click()
    await expectSignedOut(second.section, 2_000)
    const elapsed = Date.now() - clickedAt
    console.log(`The second tab showed signed out ${elapsed} ms after "Log out" was clicked.`)
    expect(elapsed).toBeLessThan(2_000)
    await expectSignedOut(first.section)

    const reopened = await reopenSection(second.page)
    await expectSignedOut(reopened)
    expect(ourErrors([...first.errors, ...second.errors])).toEqual([])
  })
})
