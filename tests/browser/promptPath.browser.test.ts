/**
 * The way from Run to `POST /api/prompt` when the credential cannot be had: a token that needs a
 * refresh while the token service is unreachable or hangs. A run without partner nodes still
 * goes out (within about 3 s, without a credential); a run with them gets the choice. And only
 * ComfyUI's own `POST /prompt` is ever read or changed: a custom node's route that merely ends in
 * `prompt` gets neither a credential nor a rewritten body.
 */
import type { Page, Route } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'

import { newAccount, openSectionAndSignIn } from '../support/accountFlows'
import { openPlayground, ourErrors, recordPageErrors, useBrowser } from '../support/browser'
import { clearReceivedPrompts, receivedPrompts, tokenClaims } from '../support/prompts'

const session = useBrowser()
beforeEach(async () => {
  await clearReceivedPrompts()
})

/** Signed in with email, settings closed, the clock fake so the token can be made to age. */
async function signedInPlayground(label: string): Promise<{ page: Page; errors: string[] }> {
  const { email, password } = await newAccount(label)
  await session.context.clock.install()
  const page = await openPlayground(session.context)
  const errors = recordPageErrors(page)
  await openSectionAndSignIn(page, email, password)
  await page.keyboard.press('Escape')
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' })
  return { page, errors }
}

type TokenService = 'unreachable' | 'hanging'

/**
 * 57 minutes on, the hour-long ID token has under 5 minutes left, so the next prompt needs a
 * refresh from the token service, which is now cut off or never answers.
 */
async function needRefreshFromBrokenTokenService(page: Page, how: TokenService): Promise<void> {
  await page.route('**/securetoken.googleapis.com/**', (route: Route) =>
    how === 'unreachable' ? route.abort('internetdisconnected') : undefined
  )
  await session.context.clock.setSystemTime(Date.now() + 57 * 60 * 1000)
}

async function waitForPrompts(count: number, timeout = 10_000) {
  await expect.poll(async () => (await receivedPrompts()).length, { timeout }).toBe(count)
  return receivedPrompts()
}

const partnerDialog = (page: Page) => page.locator('dialog.comfy-account-dialog')

describe('a token that cannot be refreshed', () => {
  it.for<TokenService>(['unreachable', 'hanging'])(
    'still queues a workflow without partner nodes, without a credential (token service %s)',
    async (how) => {
      const { page, errors } = await signedInPlayground(`no-partner-${how}`)
      await page.getByLabel('Include partner node').uncheck()
      await needRefreshFromBrokenTokenService(page, how)

      const clicked = Date.now()
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      const [body] = await waitForPrompts(1)
      // About 3 s for a hanging lookup, at once for a refused one; never the SDK's 30 s.
      expect(Date.now() - clicked).toBeLessThan(6_000)
      expect(body?.extra_data).not.toHaveProperty('auth_token_comfy_org')
      expect(body?.extra_data).not.toHaveProperty('api_key_comfy_org')
      expect(await partnerDialog(page).count()).toBe(0)
      const refused = how === 'unreachable' ? (['net::ERR_INTERNET_DISCONNECTED'] as const) : []
      expect(ourErrors(errors, { auth: refused })).toEqual([])
    }
  )

  it.for<TokenService>(['unreachable', 'hanging'])(
    'offers the choice for a workflow with partner nodes, and "Run anyway" queues it at once (token service %s)',
    async (how) => {
      const { page } = await signedInPlayground(`partner-${how}`)
      await needRefreshFromBrokenTokenService(page, how)

      const clicked = Date.now()
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      const dialog = partnerDialog(page)
      await dialog.getByTestId('comfy-account-partner-nodes').waitFor({ timeout: 6_000 })
      expect(Date.now() - clicked).toBeLessThan(6_000)
      expect(await dialog.getByTestId('comfy-account-partner-nodes').textContent()).toContain('DALL')
      expect(await receivedPrompts()).toHaveLength(0)

      const chosen = Date.now()
      await dialog.getByRole('button', { name: 'Run anyway' }).click()
      const [body] = await waitForPrompts(1)
      // The lookup that already ran out is not waited for a second time.
      expect(Date.now() - chosen).toBeLessThan(2_000)
      expect(body?.extra_data).not.toHaveProperty('auth_token_comfy_org')
      await dialog.waitFor({ state: 'detached' })
    }
  )
})

describe('only ComfyUI’s own POST /prompt', () => {
  /** Calls the host's `api.fetchApi` from the page, as a custom node's script would. */
  function fetchApiFromPage(page: Page, route: string, body: string): Promise<number> {
    return page.evaluate(
      async ([route, body]) => {
        const { api } = (
          window as unknown as {
            comfyAPI: { api: { api: { fetchApi(route: string, init: RequestInit): Promise<Response> } } }
          }
        ).comfyAPI.api
        const response = await api.fetchApi(route, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body
        })
        return response.status
      },
      [route, body] as const
    )
  }

  it('sends a custom node’s */prompt routes exactly what it posted, credential-free', async () => {
    const { page } = await signedInPlayground('custom-routes')
    const body = JSON.stringify({ prompt: { 1: { class_type: 'X', inputs: {} } }, extra_data: {} })
    const routes = ['/mynode/prompt', '/llm/prompt/', '/api_ext/prompt', '/prompt/']
    const received = new Map<string, string | null>()
    await page.route(
      (url) => routes.some((route) => url.pathname === `/api${route}`),
      (route) => {
        received.set(new URL(route.request().url()).pathname, route.request().postData())
        return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' })
      }
    )
    for (const route of routes) expect(await fetchApiFromPage(page, route, body)).toBe(200)
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(routes.map((r) => [`/api${r}`, body])))

    // The same body on ComfyUI's own route does get the credential: the session was usable.
    expect(await fetchApiFromPage(page, '/prompt', body)).toBe(200)
    const [queued] = await waitForPrompts(1)
    expect(tokenClaims(queued?.extra_data?.auth_token_comfy_org).sub).toBeTruthy()
  })

  it('leaves a POST /prompt whose extra_data is not an object exactly as it was', async () => {
    const { page } = await signedInPlayground('odd-extra-data')
    const sent = { prompt: { 1: { class_type: 'X', inputs: {} } }, extra_data: 'not an object' }
    expect(await fetchApiFromPage(page, '/prompt', JSON.stringify(sent))).toBe(200)
    const [queued] = await waitForPrompts(1)
    expect(queued).toEqual(sent)
  })
})
