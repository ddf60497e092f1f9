/**
 * A ComfyUI started with `--multi-user`, one browser for several people (README, "Shared
 * servers"): a Comfy session belongs to the ComfyUI user who made it. After a switch of ComfyUI
 * user, the previous person's session is closed before a single prompt can carry it, in our
 * section and in ComfyUI's own account page alike, and switching back does not bring it back.
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'

import { expectSignedIn, expectSignedOut, newAccount, signInWithEmail } from '../support/accountFlows'
import { signInWithKey } from '../support/apiKeyPage'
import {
  chooseComfyUser,
  openAccountSection,
  ourErrors,
  playgroundUrl,
  recordPageErrors,
  reloadApp,
  useBrowser,
  type PlaygroundOptions
} from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'
import { closeSettings, hostEmail, storedCredentials } from '../support/hostPage'
import { clearReceivedPrompts, runAndReadCredentials } from '../support/prompts'

const pw = useBrowser()
const host: PlaygroundOptions = { builtinUser: true, hostVersion: '1.45', multiUser: true }
const NOTICE = "The previous ComfyUI user's Comfy session was closed. Sign in to use partner nodes."

afterEach(async () => {
  await clearReceivedPrompts()
})

async function openAs(userId: string): Promise<Page> {
  const page = await pw.context.newPage()
  await page.goto(playgroundUrl(host))
  await chooseComfyUser(page, userId)
  return page
}

/** ComfyUI's "switch user": back to the user-select page, then the other person picks theirs. */
async function switchTo(page: Page, userId: string): Promise<void> {
  await closeSettings(page)
  await page.getByRole('button', { name: 'Switch user' }).click()
  await chooseComfyUser(page, userId)
}

async function section(page: Page): Promise<Locator> {
  await closeSettings(page)
  return openAccountSection(page, host)
}

/** Runs the graph (no partner node: nothing asks first) and returns what the prompt carried. */
async function promptCredentials(page: Page) {
  await closeSettings(page)
  await page.getByLabel('Include partner node').uncheck()
  return runAndReadCredentials(page)
}

describe('a Comfy session belongs to the ComfyUI user who signed in', () => {
  it('A signs in, B takes over: B sees the sign-in form, is told once, and sends nothing of A', async () => {
    const alice = await newAccount('alice')
    const page = await openAs('alice')
    const errors = recordPageErrors(page)
    const ours = await section(page)
    await signInWithEmail(ours, alice.email, alice.password)
    await expectSignedIn(ours, alice.email, 15_000)
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBe(alice.email)
    await switchTo(page, 'bob')
    await page.getByText(NOTICE).first().waitFor()
    expect(await promptCredentials(page)).toEqual({ token: undefined, key: undefined })
    await expectSignedOut(await section(page))
    await expect.poll(() => hostEmail(page), { timeout: 2_000 }).toBeNull()
    expect(await storedCredentials(page)).toEqual([])
    expect(await page.getByText(NOTICE).count()).toBe(1)

    // B signs in; back to A: A is signed out too, not silently handed B's session.
    const bob = await newAccount('bob')
    const forBob = await section(page)
    await signInWithEmail(forBob, bob.email, bob.password)
    await expectSignedIn(forBob, bob.email, 15_000)
    await switchTo(page, 'alice')
    await page.getByText(NOTICE).first().waitFor()
    await expectSignedOut(await section(page))
    expect(await promptCredentials(page)).toEqual({ token: undefined, key: undefined })
    expect(ourErrors(errors)).toEqual([])
  })

  it('closes a session kept for the tab only, and an API key (ComfyUI’s own entry included)', async () => {
    const alice = await newAccount('alice-tab')
    const page = await openAs('alice')
    const ours = await section(page)
    await signInWithEmail(ours, alice.email, alice.password, { remember: false })
    await expectSignedIn(ours, alice.email, 15_000)
    await switchTo(page, 'bob')
    await expectSignedOut(await section(page))
    expect(await storedCredentials(page)).toEqual([])

    const key = await comfyApiControl().issueKey({ name: 'Bob Key' })
    await signInWithKey(await section(page), key)
    expect(await page.evaluate(() => localStorage.getItem('comfy_api_key'))).toBe(key)
    await switchTo(page, 'alice')
    await page.getByText(NOTICE).first().waitFor()
    expect(await promptCredentials(page)).toEqual({ token: undefined, key: undefined })
    await expectSignedOut(await section(page))
    expect(await storedCredentials(page)).toEqual([])
  })

  it('the same ComfyUI user after a reload keeps the session', async () => {
    const alice = await newAccount('alice-stays')
    const page = await openAs('alice')
    const ours = await section(page)
    await signInWithEmail(ours, alice.email, alice.password)
    await expectSignedIn(ours, alice.email, 15_000)
    await reloadApp(page)
    await expectSignedIn(await section(page), alice.email, 5_000)
    expect(await page.getByText(NOTICE).count()).toBe(0)
  })
})
