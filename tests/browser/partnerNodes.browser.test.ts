/**
 * Partner nodes just work: every prompt the playground queues carries the signed-in user's
 * credential, fresh for each submission, and never overrides what the host put there.
 */
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'

import {
  openAccountSection,
  openPlayground,
  ourErrors,
  recordPageErrors,
  reloadApp,
  useBrowser
} from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'
import { clearReceivedPrompts, comfyApiAccepts, receivedPrompts, tokenClaims } from '../support/prompts'
import {
  expectSignedIn,
  newAccount,
  openSection,
  openSectionAndSignIn,
  signInWithEmail,
  signInWithProvider,
  statusCard,
  uniqueEmail
} from '../support/accountFlows'

const session = useBrowser()
beforeEach(async () => {
  await clearReceivedPrompts()
})

async function closeSettings(page: Page) {
  await page.keyboard.press('Escape')
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' })
}

async function run(page: Page, batch = 1) {
  await page.getByLabel('Batch count').fill(String(batch))
  await page.getByRole('button', { name: 'Run', exact: true }).click()
}

async function waitForPrompts(count: number) {
  await expect.poll(async () => (await receivedPrompts()).length, { timeout: 15_000 }).toBe(count)
  return receivedPrompts()
}

describe('credentials on every prompt', () => {
  it('sends a valid ID token for an email session, fresh for each of a batch of 5', async () => {
    const { email, password } = await newAccount('prompt')
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    await openSectionAndSignIn(page, email, password)
    await closeSettings(page)

    await run(page, 5)
    const prompts = await waitForPrompts(5)
    for (const body of prompts) {
      const token = body.extra_data?.auth_token_comfy_org
      expect(tokenClaims(token)).toMatchObject({ aud: inject('firebaseProjectId'), email })
      expect(tokenClaims(token).exp ?? 0).toBeGreaterThan(Date.now() / 1000 + 5 * 60)
      expect(body.extra_data).not.toHaveProperty('api_key_comfy_org')
    }
    expect(await comfyApiAccepts(prompts[0]?.extra_data?.auth_token_comfy_org)).toBe(true)
    expect(ourErrors(errors)).toEqual([])
  })

  it('refreshes a token that is about to expire, once for 10 concurrent submissions', async () => {
    const { email, password } = await newAccount('refresh')
    await session.context.clock.install()
    const page = await openPlayground(session.context)
    await openSectionAndSignIn(page, email, password)
    await closeSettings(page)
    await run(page)
    const [first] = await waitForPrompts(1)
    const firstToken = first?.extra_data?.auth_token_comfy_org

    // 57 minutes later the hour-long token has under 5 minutes left. setSystemTime moves the
    // clock without firing Firebase's own refresh timer, as after a laptop wakes up.
    await session.context.clock.setSystemTime(Date.now() + 57 * 60 * 1000)
    const refreshes: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('securetoken.googleapis.com')) refreshes.push(request.url())
    })
    await page.evaluate(() => {
      const app = (window as unknown as { app: { queuePrompt(n: number, b: number): Promise<unknown> } }).app
      return Promise.all(Array.from({ length: 10 }, () => app.queuePrompt(0, 1)))
    })
    const prompts = (await waitForPrompts(11)).slice(1)
    expect(refreshes).toHaveLength(1)
    const tokens = new Set(prompts.map((p) => p.extra_data?.auth_token_comfy_org))
    expect(tokens.size).toBe(1)
    // The emulator's tokens are unsigned: one issued in the same second as the first is
    // byte-identical, so compare what was issued, not the bytes.
    expect(tokenClaims([...tokens][0]).sub).toBe(tokenClaims(firstToken).sub)
    expect(await comfyApiAccepts([...tokens][0])).toBe(true)
  })

  it.for(['Google', 'GitHub'] as const)('sends a valid ID token for a %s session', async (provider) => {
    const email = uniqueEmail(`prompt-${provider.toLowerCase()}`)
    const { page, section } = await openSection(session.context)
    await signInWithProvider(page, section, provider, { email, displayName: `${provider} User` })
    await expectSignedIn(section, email)
    await closeSettings(page)
    await run(page)
    const [body] = await waitForPrompts(1)
    expect(tokenClaims(body?.extra_data?.auth_token_comfy_org)).toMatchObject({ email })
    expect(await comfyApiAccepts(body?.extra_data?.auth_token_comfy_org)).toBe(true)
  })

  it.for(['before', 'after'] as const)(
    'still adds the credential when another extension wrapped api.queuePrompt %s us',
    async (when) => {
      const { email, password } = await newAccount(`wrap-${when}`)
      // "before": wrapped as soon as the host's api exists, before extensions load.
      const wrap = () => {
        const api = (window as unknown as { comfyAPI: { api: { api: Record<string, unknown> } } }).comfyAPI
          .api.api
        const original = api.queuePrompt as (...args: unknown[]) => Promise<unknown>
        api.queuePrompt = function (this: unknown, ...args: unknown[]) {
          ;(window as unknown as { wrappedCalls: number }).wrappedCalls =
            ((window as unknown as { wrappedCalls?: number }).wrappedCalls ?? 0) + 1
          return original.apply(this, args)
        }
      }
      if (when === 'before') {
        await session.context.addInitScript(`(() => {
          let value
          Object.defineProperty(window, 'comfyAPI', {
            configurable: true,
            get: () => value,
            set: (next) => { value = next; (${wrap.toString()})() }
          })
        })()`)
      }
      const page = await openPlayground(session.context)
      if (when === 'after') await page.evaluate(wrap)
      await openSectionAndSignIn(page, email, password)
      await closeSettings(page)
      await run(page)
      const [body] = await waitForPrompts(1)
      expect(tokenClaims(body?.extra_data?.auth_token_comfy_org)).toMatchObject({ email })
      expect(await page.evaluate(() => (window as unknown as { wrappedCalls?: number }).wrappedCalls)).toBe(1)
    }
  )

  it('sends the API key for a key session', async () => {
    const page = await openPlayground(session.context)
    const section = await openAccountSection(page)
    await section.getByRole('tab', { name: 'Comfy API key' }).click()
    await section.getByLabel('API key', { exact: true }).fill(inject('demoKey'))
    await section.getByRole('button', { name: 'Save key' }).click()
    await statusCard(section).waitFor()
    await closeSettings(page)
    await run(page)
    const [body] = await waitForPrompts(1)
    expect(body?.extra_data?.api_key_comfy_org).toBe(inject('demoKey'))
    expect(body?.extra_data).not.toHaveProperty('auth_token_comfy_org')
  })

  it("leaves the host's own credential untouched", async () => {
    const { email, password } = await newAccount('host')
    const page = await openPlayground(session.context, { builtinUser: true })
    const section = await openAccountSection(page, { builtinUser: true })
    // Signed in with us for this tab only: ComfyUI's own page does not see that session...
    await signInWithEmail(section, email, password, { remember: false })
    await expectSignedIn(section, email, 15_000)
    // ...and holds a (valid) key of its own, so its queue fills api_key_comfy_org itself.
    const hostKey = await comfyApiControl().issueKey()
    await page.evaluate((key) => localStorage.setItem('comfy_api_key', key), hostKey)
    await reloadApp(page)
    await run(page)
    const [body] = await waitForPrompts(1)
    expect(body?.extra_data?.api_key_comfy_org).toBe(hostKey)
    expect(body?.extra_data).not.toHaveProperty('auth_token_comfy_org')
  })
})

describe('signed out with partner nodes in the graph', () => {
  it('lists the partner nodes and "Run anyway" sends no credential', async () => {
    const page = await openPlayground(session.context)
    await run(page)
    const dialog = page.locator('dialog.comfy-account-dialog')
    await expect.poll(() => dialog.getByTestId('comfy-account-partner-nodes').textContent()).toContain('DALL')
    expect(await receivedPrompts()).toHaveLength(0)
    await dialog.getByRole('button', { name: 'Run anyway' }).click()
    const [body] = await waitForPrompts(1)
    expect(body?.extra_data).not.toHaveProperty('auth_token_comfy_org')
    expect(body?.extra_data).not.toHaveProperty('api_key_comfy_org')
  })

  it('"Sign in" leads to the sign-in form, then one click runs the workflow', async () => {
    const { email, password } = await newAccount('rerun')
    const page = await openPlayground(session.context)
    await run(page)
    const dialog = page.locator('dialog.comfy-account-dialog')
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()
    await dialog.getByLabel('Email').fill(email)
    await dialog.getByLabel('Password', { exact: true }).fill(password)
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()
    await dialog.getByRole('button', { name: 'Run the workflow now' }).click()
    const [body] = await waitForPrompts(1)
    expect(tokenClaims(body?.extra_data?.auth_token_comfy_org)).toMatchObject({ email })
    await dialog.waitFor({ state: 'detached' })
  })

  it('does not ask when the graph has no partner node', async () => {
    const page = await openPlayground(session.context)
    await page.getByLabel('Include partner node').uncheck()
    await run(page)
    await waitForPrompts(1)
    expect(await page.locator('dialog.comfy-account-dialog').count()).toBe(0)
  })
})
