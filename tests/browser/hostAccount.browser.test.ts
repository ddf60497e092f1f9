/**
 * Living side by side with ComfyUI's own account page (docs/host-contract.md, "Firebase" and
 * "The Comfy API key"): the playground host runs its own Firebase instance and API-key store, as
 * real 1.24 and 1.45 do. One session for both, sign-ins and log outs seen on either side within
 * 2 s without a reload, nobody signed out by our presence, "keep me signed in" off kept to the
 * tab, a stored key kept through ComfyUI's failed check, and every prompt carrying exactly one
 * credential of the right user.
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import {
  expectSignedIn,
  expectSignedOut,
  newAccount,
  signInWithEmail,
  statusCard
} from '../support/accountFlows'
import { signInWithKey } from '../support/apiKeyPage'
import {
  openAccountSection,
  openPlayground,
  ourErrors,
  REAL_HOSTS,
  recordPageErrors,
  reloadApp,
  useBrowser,
  type PlaygroundOptions
} from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'
import { closeSettings, hostEmail, storedCredentials } from '../support/hostPage'
import { clearReceivedPrompts, runAndReadCredentials, tokenClaims } from '../support/prompts'

const pw = useBrowser()
const comfyApi = comfyApiControl()

afterEach(async () => {
  await comfyApi.clearFault()
  await clearReceivedPrompts()
  await setExtensionDisabled(false)
})

async function setExtensionDisabled(disabled: boolean): Promise<void> {
  await fetch(new URL('api/settings/Comfy.Extension.Disabled', inject('playgroundUrl')), {
    method: 'POST',
    body: JSON.stringify(disabled ? ['ComfyUI-Account'] : [])
  })
}

/** Our section, opened from the gear as a user would. */
async function openSection(page: Page, host: PlaygroundOptions): Promise<Locator> {
  await closeSettings(page)
  return openAccountSection(page, host)
}

/** ComfyUI's own User page. */
async function openHostUserPage(page: Page, host: PlaygroundOptions): Promise<Locator> {
  await closeSettings(page)
  await page.getByRole('button', { name: 'Settings' }).first().click()
  const dialog = page.getByRole('dialog')
  await dialog
    .getByRole(host.hostVersion === '1.45' ? 'button' : 'option', { name: 'User', exact: true })
    .click()
  const panel = dialog.getByTestId('builtin-user-panel')
  await panel.waitFor()
  return panel
}

/** Signs in through ComfyUI's own sign-in dialog (Comfy.User.OpenSignInDialog). */
async function signInOnHostPage(page: Page, host: PlaygroundOptions, email: string, password: string) {
  const panel = await openHostUserPage(page, host)
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click()
  const dialog = page.getByTestId('host-signin-dialog')
  await dialog.getByLabel('Email').fill(email)
  await dialog.getByLabel('Password').fill(password)
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
}

describe.each(REAL_HOSTS)('next to ComfyUI $hostVersion with its own account page', (host) => {
  it('our sign-in reaches the host within 2 s, and the host survives a reload', async () => {
    const { email, password } = await newAccount('ours-to-host')
    const page = await openPlayground(pw.context, host)
    const errors = recordPageErrors(page)
    const section = await openSection(page, host)
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email, 15_000)
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBe(email)

    await reloadApp(page)
    await expect.poll(() => hostEmail(page), { timeout: 5_000 }).toBe(email)
    await expectSignedIn(await openSection(page, host), email, 5_000)
    expect(await storedCredentials(page)).toEqual([
      `local:firebase:authUser:fake-api-key-for-the-auth-emulator:[DEFAULT]`
    ])
    expect(ourErrors(errors)).toEqual([])
  })

  it("the host's sign-in reaches us within 2 s, and nobody is signed out by a reload", async () => {
    const { email, password } = await newAccount('host-to-ours')
    const page = await openPlayground(pw.context, host)
    const errors = recordPageErrors(page)
    const section = await openSection(page, host)
    await expectSignedOut(section)
    await page.evaluate(
      ([e, p]) =>
        (
          window as unknown as { __playground: { hostAuth: { signIn(e: string, p: string): Promise<void> } } }
        ).__playground.hostAuth.signIn(e, p),
      [email, password] as const
    )
    await expectSignedIn(section, email, 2_000)

    await reloadApp(page)
    await expect.poll(() => hostEmail(page), { timeout: 5_000 }).toBe(email)
    await expectSignedIn(await openSection(page, host), email, 5_000)
    expect(ourErrors(errors)).toEqual([])
  })

  it('our log out signs the host out within 2 s and leaves no credential anywhere', async () => {
    const { email, password } = await newAccount('ours-log-out')
    const page = await openPlayground(pw.context, host)
    const section = await openSection(page, host)
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email, 15_000)
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBe(email)

    await section.getByRole('button', { name: 'Log out' }).click()
    await expectSignedOut(section)
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBeNull()
    expect(await storedCredentials(page)).toEqual([])
  })

  it("the host's log out (its own page, a click) signs us out within 2 s, every credential included", async () => {
    const { email, password } = await newAccount('host-log-out')
    const page = await openPlayground(pw.context, host)
    const errors = recordPageErrors(page)
    await signInOnHostPage(page, host, email, password)
    const panel = await openHostUserPage(page, host)
    await panel.getByTestId('builtin-user-email').waitFor()
    await panel.getByRole('button', { name: 'Log out' }).click()

    const section = await openSection(page, host)
    await expectSignedOut(section, 2_000)
    expect(await storedCredentials(page)).toEqual([])
    await reloadApp(page)
    await expectSignedOut(await openSection(page, host))
    expect(ourErrors(errors)).toEqual([])
  })

  it('a second tab sees a sign-in on either side, and a log out signs both tabs out', async () => {
    const { email, password } = await newAccount('two-tabs')
    const first = await openPlayground(pw.context, host)
    const second = await openPlayground(pw.context, host)
    await first.bringToFront()
    const section = await openSection(first, host)
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email, 15_000)

    await expect.poll(() => hostEmail(second), { timeout: 2_000 }).toBe(email)
    await second.bringToFront()
    const secondSection = await openSection(second, host)
    await expectSignedIn(secondSection, email, 2_000)

    await first.bringToFront()
    await section.getByRole('button', { name: 'Log out' }).click()
    await expectSignedOut(secondSection, 2_000)
    await expect.poll(() => hostEmail(second), { timeout: 2_000 }).toBeNull()
  })

  it('"keep me signed in" off stays in this tab: never in localStorage or IndexedDB, and said so', async () => {
    const { email, password } = await newAccount('tab-only')
    const page = await openPlayground(pw.context, host)
    const section = await openSection(page, host)
    await signInWithEmail(section, email, password, { remember: false })
    await expectSignedIn(section, email, 15_000)
    await section.getByTestId('comfy-account-hidden-from-host').waitFor()
    expect(await hostEmail(page)).toBeNull()

    // ComfyUI starts up again in this tab: its instance must not pick the session up.
    await reloadApp(page)
    const again = await openSection(page, host)
    await expectSignedIn(again, email, 5_000)
    expect(await hostEmail(page)).toBeNull()
    expect(await storedCredentials(page)).toEqual([
      'session:firebase:authUser:fake-api-key-for-the-auth-emulator:comfy-account-tab'
    ])

    // The prompt still carries the credential of the user signed in here.
    const sent = await runAndReadCredentials(page)
    expect(tokenClaims(sent.token).email).toBe(email)
    expect(sent.key).toBeUndefined()

    const other = await openPlayground(pw.context, host)
    expect(await hostEmail(other)).toBeNull()
    await expectSignedOut(await openSection(other, host))
  })

  it('installing the extension where ComfyUI is already signed in signs nobody out', async () => {
    const { email, password } = await newAccount('installed-later')
    await setExtensionDisabled(true)
    const page = await openPlayground(pw.context, host)
    await signInOnHostPage(page, host, email, password)
    await expect.poll(() => hostEmail(page)).toBe(email)

    await setExtensionDisabled(false)
    await reloadApp(page)
    await expectSignedIn(await openSection(page, host), email, 5_000)
    await reloadApp(page)
    await expect.poll(() => hostEmail(page), { timeout: 5_000 }).toBe(email)

    // And disabling it again leaves ComfyUI's session where it was.
    await setExtensionDisabled(true)
    await reloadApp(page)
    await expect.poll(() => hostEmail(page), { timeout: 5_000 }).toBe(email)
  })

  it('every prompt carries exactly one credential, of the user signed in', async () => {
    const page = await openPlayground(pw.context, host)
    // Signed out with a partner node, our dialog would ask first; this is about what is sent.
    await page.getByLabel('Include partner node').uncheck()
    const section = await openSection(page, host)
    await closeSettings(page)
    expect(await runAndReadCredentials(page)).toEqual({ token: undefined, key: undefined })

    const { email, password } = await newAccount('one-credential')
    await openSection(page, host)
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email, 15_000)
    await closeSettings(page)
    const signedIn = await runAndReadCredentials(page)
    expect(tokenClaims(signedIn.token).email).toBe(email)
    expect(signedIn.key).toBeUndefined()

    // A key replaces the Firebase session, in ComfyUI too.
    const key = await comfyApi.issueKey({ name: 'Key Owner' })
    await openSection(page, host)
    await section.getByRole('button', { name: 'Log out' }).click()
    await expectSignedOut(section)
    // ComfyUI notices a log out within 2 s (its instance polls); until then its queue would still
    // send its own token, as it would after a log out in another tab.
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBeNull()
    await signInWithKey(section, key)
    await closeSettings(page)
    const withKey = await runAndReadCredentials(page)
    expect(withKey).toEqual({ token: undefined, key })
  })
})

describe('a stored key through a Comfy API outage at start-up (1.45 checks it at start-up)', () => {
  const host = REAL_HOSTS[1]

  it('survives, still rides on prompts, says so, and is handed back to ComfyUI when Comfy answers', async () => {
    const key = await comfyApi.issueKey({ name: 'Outage Owner' })
    const page = await openPlayground(pw.context, host)
    const errors = recordPageErrors(page)
    const section = await openSection(page, host)
    await signInWithKey(section, key)
    await closeSettings(page)

    await comfyApi.setFault({ status: 503 })
    await reloadApp(page)
    // ComfyUI's own store failed its check and deleted its entry...
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('comfy_api_key')), { timeout: 10_000 })
      .toBeNull()
    // ...but we kept the key: signed in, told why, and the prompt still carries it.
    const again = await openSection(page, host)
    await again.getByTestId('comfy-account-hidden-from-host').waitFor()
    await again.getByTestId('comfy-account-masked-key').waitFor()
    await closeSettings(page)
    expect(await runAndReadCredentials(page)).toEqual({ token: undefined, key })

    // Comfy is back: the key is handed back to ComfyUI, whose User page shows it again.
    await comfyApi.clearFault()
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('comfy_api_key')), { timeout: 5_000 })
      .toBe(key)
    const panel = await openHostUserPage(page, host)
    await panel.getByTestId('builtin-user-key').waitFor()
    expect(ourErrors(errors, { comfyApi: [503] })).toEqual([])
  })

  it("a log out on ComfyUI's own page still logs out, everywhere", async () => {
    const key = await comfyApi.issueKey({ name: 'Host Log Out' })
    const page = await openPlayground(pw.context, host)
    const section = await openSection(page, host)
    await signInWithKey(section, key)
    const panel = await openHostUserPage(page, host)
    await panel.getByTestId('builtin-user-key').waitFor()
    await panel.getByRole('button', { name: 'Log out' }).click()

    await expectSignedOut(await openSection(page, host), 2_000)
    expect(await storedCredentials(page)).toEqual([])
    await reloadApp(page)
    await expectSignedOut(await openSection(page, host))
  })

  it('a key Comfy itself rejects is dropped with a notice, not kept', async () => {
    const key = await comfyApi.issueKey({ name: 'Revoked' })
    const page = await openPlayground(pw.context, host)
    const section = await openSection(page, host)
    const card = await signInWithKey(section, key)
    // The card reads the balance after a sign-in. Revoked while that read is under way, the key
    // would be refused in this page already (signed out here, with the notice), not at the reload.
    await card.getByTestId('comfy-account-credits-updated').waitFor()
    await comfyApi.forgetIssuedKeys()
    await reloadApp(page)
    const again = await openSection(page, host)
    // Signed out, on the key tab, told the key was not accepted.
    await again.getByRole('tab', { name: 'Comfy API key', selected: true }).waitFor({ timeout: 10_000 })
    await statusCard(again).waitFor({ state: 'detached' })
    expect(await storedCredentials(page)).toEqual([])
  })
})
