/**
 * No leaks: a whole session recorded (every request with its URL, headers and body,
 * every console line, every page and frame URL, every toast) while a user signs in with email,
 * runs a workflow, logs out, signs in with an API key, runs it again and logs out. The ID tokens
 * and the key may only travel to the Comfy API origin and, for partner nodes, in the body of
 * ComfyUI's own `POST /api/prompt`; never in a URL, a console line, the host's settings, a
 * message on the page or a toast.
 *
 * Firebase's own traffic is the exception it must be: the browser sends the refresh token (and
 * the ID token, to look the user up) to the Auth Emulator and gets ID tokens back from it. Those
 * requests may carry Firebase's tokens, never the Comfy API key.
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'

import {
  expectSignedIn,
  expectSignedOut,
  newAccount,
  openSection,
  signInWithEmail,
  statusCard
} from '../support/accountFlows'
import { pageContent, signInWithKey } from '../support/apiKeyPage'
import { openAccountSection, ourErrors, useBrowser } from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'
import { clearReceivedPrompts, receivedPrompts } from '../support/prompts'
import {
  credentialLeftovers,
  hostSettings,
  needlesOf,
  recordContext,
  tracesIn,
  type Credential,
  type SeenRequest
} from '../support/recorder'

const comfyApi = comfyApiControl()
const session = useBrowser()
beforeEach(async () => {
  await clearReceivedPrompts()
})
afterEach(async () => {
  await comfyApi.clearFault()
})

async function runWorkflow(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' })
  const before = (await receivedPrompts()).length
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect.poll(async () => (await receivedPrompts()).length, { timeout: 15_000 }).toBe(before + 1)
}

async function logOut(section: Locator): Promise<void> {
  await statusCard(section).getByRole('button', { name: 'Log out' }).click()
  await expectSignedOut(section)
}

type Destination = 'comfyApi' | 'authEmulator' | 'queuePrompt' | 'other'

describe('a recorded session', () => {
  it('credentials go only to the Comfy API and into the prompt, nowhere else', async () => {
    const recording = await recordContext(session.context)
    const comfyApiOrigin = new URL(inject('comfyApiUrl')).origin
    const authOrigin = new URL(inject('authUrl')).origin
    const promptUrl = new URL('api/prompt', inject('playgroundUrl')).href
    const { email, password } = await newAccount('no-leaks')
    const { page, section, errors } = await openSection(session.context)
    const shown: Array<[string, string]> = []

    // Email: sign in, run, log out (the run closed the dialog: open it again).
    await signInWithEmail(section, email, password)
    await expectSignedIn(section, email, 15_000)
    await expect
      .poll(() => statusCard(section).getByTestId('comfy-account-credits').textContent())
      .toBe('$5.00')
    shown.push(['after the email sign-in', await pageContent(page)])
    await runWorkflow(page)
    shown.push(['after the email run', await pageContent(page)])
    await logOut(await openAccountSection(page))
    shown.push(['after the email log out', await pageContent(page)])

    // API key: sign in, run, log out.
    const key = await comfyApi.issueKey({ name: 'No Leaks' })
    await signInWithKey(section, key)
    await expect
      .poll(() => statusCard(section).getByTestId('comfy-account-credits').textContent())
      .toBe('$5.00')
    shown.push(['after the key sign-in', await pageContent(page)])
    await runWorkflow(page)
    shown.push(['after the key run', await pageContent(page)])
    await logOut(await openAccountSection(page))
    shown.push(['after the key log out', await pageContent(page)])
    await recording.settle()

    // The recording saw the credentials it is about to look for.
    expect(recording.idTokens.size).toBeGreaterThan(0)
    expect(recording.refreshTokens.size).toBeGreaterThan(0)
    expect([...recording.apiKeys]).toEqual([key])
    const idTokens: Credential[] = [...recording.idTokens].map((value, i) => ({
      label: `ID token ${i + 1}`,
      value
    }))
    const refreshTokens: Credential[] = [...recording.refreshTokens].map((value, i) => ({
      label: `refresh token ${i + 1}`,
      value
    }))
    const apiKey: Credential[] = [{ label: 'API key', value: key }]
    const everything = [...idTokens, ...refreshTokens, ...apiKey]

    function destination(request: SeenRequest): Destination {
      const url = new URL(request.url)
      if (url.origin === comfyApiOrigin) return 'comfyApi'
      if (url.origin === authOrigin) return 'authEmulator'
      if (url.href === promptUrl && request.method === 'POST') return 'queuePrompt'
      return 'other'
    }
    /** What a request's headers and body may carry, by where it goes. */
    const mayCarry: Record<Destination, Credential[]> = {
      comfyApi: [...idTokens, ...apiKey],
      authEmulator: [...idTokens, ...refreshTokens],
      queuePrompt: [],
      other: []
    }

    const leaks = recording.requests.flatMap((request) => {
      const where = `${request.method} ${request.url.slice(0, 120)}`
      const target = destination(request)
      const forbidden = everything.filter((credential) => !mayCarry[target].includes(credential))
      // The prompt body may carry an ID token or the key (extra_data), never a refresh token.
      const bodyForbidden = target === 'queuePrompt' ? [...refreshTokens] : forbidden
      return [
        ...tracesIn(`URL of ${where}`, request.url, everything),
        ...tracesIn(`headers of ${where}`, JSON.stringify(request.headers), forbidden),
        ...tracesIn(`body of ${where}`, request.body, bodyForbidden)
      ]
    })
    expect(leaks).toEqual([])

    // Where the credentials did go: the Comfy API got them in headers, the prompts in the body.
    const toComfy = recording.requests.filter((request) => destination(request) === 'comfyApi')
    expect(toComfy.some((request) => request.headers['authorization']?.startsWith('Bearer '))).toBe(true)
    expect(toComfy.some((request) => request.headers['x-api-key'] === key)).toBe(true)
    const prompts = recording.requests.filter((request) => destination(request) === 'queuePrompt')
    expect(prompts).toHaveLength(2)
    expect(tracesIn('first prompt', prompts[0]?.body ?? '', idTokens)).not.toEqual([])
    expect(tracesIn('second prompt', prompts[1]?.body ?? '', apiKey)).not.toEqual([])

    expect(
      [
        ...recording.consoleLines.map((line, i) => tracesIn(`console line ${i + 1}`, line, everything)),
        ...recording.pageErrors.map((line, i) => tracesIn(`page error ${i + 1}`, line, everything)),
        ...recording.urls.map((url) => tracesIn(`page URL ${url.slice(0, 120)}`, url, everything)),
        ...recording.toasts.map((toast, i) => tracesIn(`toast ${i + 1} "${toast}"`, toast, everything)),
        ...shown.map(([when, content]) => tracesIn(`the page ${when}`, content, everything)),
        tracesIn('host settings', await hostSettings(), everything)
      ].flat()
    ).toEqual([])
    // The toast recorder works: both log outs said so.
    expect(recording.toasts.filter((toast) => toast.includes('You are logged out.'))).toHaveLength(2)
    expect(recording.urls.length).toBeGreaterThan(0)
    expect(ourErrors(errors)).toEqual([])

    // And nothing is left behind.
    expect(await credentialLeftovers(session.context, everything)).toEqual([])
    expect(everything.every((credential) => needlesOf(credential.value).length > 0)).toBe(true)
  })
})
