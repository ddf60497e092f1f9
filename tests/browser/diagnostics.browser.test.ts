/**
 * "Check my setup" ("Why won't my partner node run?") against the playground: each finding driven
 * into each verdict by the fault a user meets (plain HTTP on a LAN name, a COOP header, the Comfy
 * API down or failing, a rejected key, no credits, a token that cannot be renewed, another
 * extension dropping the credential, a failed partner-node run), and a copied report that holds
 * no secret. Chromium maps the made-up name comfy.test to the playground on 127.0.0.1.
 */
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import { CONTROL_SECRET_HEADER } from '../../dev/comfy-api-server/server'
import { newAccount, openSection, openSectionAndSignIn, signInWithEmail } from '../support/accountFlows'
import { maskedForm, signInWithKey } from '../support/apiKeyPage'
import {
  openAccountSection,
  openPlayground,
  ourErrors,
  playgroundUrl,
  recordPageErrors,
  useBrowser,
  waitForApp
} from '../support/browser'
import { expectNoViolations, OUR_ROOTS } from '../support/accessibility'
import { comfyApiControl } from '../support/comfyApiControl'
import { clearReceivedPrompts, receivedPrompts } from '../support/prompts'

const REMOTE_HOST = 'comfy.test'
const BLOCKED_HOST = 'comfy.invalid'
const comfyApi = comfyApiControl()
const session = useBrowser(
  [`--host-resolver-rules=MAP ${REMOTE_HOST} 127.0.0.1, MAP ${BLOCKED_HOST} 127.0.0.1`],
  {
    permissions: ['clipboard-read', 'clipboard-write']
  }
)
afterEach(async () => {
  await comfyApi.clearFault()
})

/** The check asks the Comfy API without a credential whether it answers: a 401 says it does. */
const ANONYMOUS_PROBE = 401

type Verdict = 'fine' | 'problem' | 'unknown'
const VERDICT_WORDS: Record<Verdict, string> = { fine: 'Fine', problem: 'Problem', unknown: 'Cannot tell' }

interface ShownFinding {
  verdict: string
  /** The verdict as a word, as users (and screen readers) get it. */
  word: string
  text: string
}

function panelOf(scope: Locator): Locator {
  return scope.getByTestId('comfy-account-diagnostics')
}

/** What the list shows, by finding. */
async function readFindings(panel: Locator): Promise<Record<string, ShownFinding>> {
  const list = panel.getByRole('list', { name: 'Findings' })
  await list.waitFor()
  return list.locator('li').evaluateAll((items) =>
    Object.fromEntries(
      items.map((item) => [
        (item as HTMLElement).dataset.finding ?? '',
        {
          verdict: (item as HTMLElement).dataset.verdict ?? '',
          word: item.querySelector('.ca-finding__verdict')?.textContent?.trim() ?? '',
          text: item.textContent?.replace(/\s+/gu, ' ').trim() ?? ''
        }
      ])
    )
  )
}

/** Clicks "Check my setup" (or "Check again"), waits for the end, and returns the findings. */
async function checkSetup(scope: Locator): Promise<Record<string, ShownFinding>> {
  const panel = panelOf(scope)
  await panel.getByRole('button', { name: /^Check (my setup|again)$/u }).click()
  await panel.getByRole('status').filter({ hasText: 'Check finished' }).waitFor({ timeout: 30_000 })
  return readFindings(panel)
}

function expectVerdict(found: ShownFinding | undefined, verdict: Verdict, text: string): void {
  expect(found, `no finding ${text}`).toBeDefined()
  expect({ verdict: found?.verdict, word: found?.word }).toEqual({ verdict, word: VERDICT_WORDS[verdict] })
  expect(found?.text).toContain(text)
}

async function signedInWithKey(options: { name?: string } = {}) {
  const key = await comfyApi.issueKey({ name: options.name ?? 'Diagnosis Person' })
  const opened = await openSection(session.context)
  await signInWithKey(opened.section, key)
  return { ...opened, key }
}

async function setBalance(key: string, amountMicros: number): Promise<void> {
  // The local API names a key's customer after a hash of the key (dev/comfy-api-server/keys.ts).
  const customerId = `cus_key_${createHash('sha256').update(key).digest('hex').slice(0, 8)}`
  const response = await fetch(new URL('/__control/balance', inject('comfyApiUrl')), {
    method: 'POST',
    headers: { [CONTROL_SECRET_HEADER]: inject('comfyApiControlSecret'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId, amountMicros })
  })
  expect(response.ok).toBe(true)
}

/** The playground opened by a name Chromium maps to 127.0.0.1. */
async function openRemote(hostname: string): Promise<Page> {
  const url = new URL(playgroundUrl())
  url.hostname = hostname
  const page = await session.context.newPage()
  await page.goto(url.toString())
  await waitForApp(page)
  return page
}

/** Every request the page sends with a credential header, by origin. */
function recordCredentialOrigins(page: Page): Set<string> {
  const origins = new Set<string>()
  page.on('request', (request) => {
    const headers = request.headers()
    if (headers.authorization || headers['x-api-key']) origins.add(new URL(request.url()).origin)
  })
  return origins
}

describe('everything in order', () => {
  it('says so for each finding, with credentials sent to the Comfy API only, and moves focus to the findings', async () => {
    const { page, section, errors, key } = await signedInWithKey()
    const credentialOrigins = recordCredentialOrigins(page)
    await clearReceivedPrompts()

    const found = await checkSetup(section)

    expectVerdict(found.connection, 'fine', 'This page is encrypted (https) or runs on this computer.')
    expectVerdict(found.popupSignIn, 'fine', 'Google and GitHub sign-in can work at this address.')
    expectVerdict(
      found.session,
      'fine',
      `Signed in with the Comfy API key ${maskedForm(key)}, kept on this device.`
    )
    expectVerdict(found.hostPage, 'fine', 'no account page of its own')
    expectVerdict(found.apiReach, 'fine', `The Comfy API (${new URL(inject('comfyApiUrl')).origin}) answers.`)
    expectVerdict(found.credential, 'fine', 'The Comfy API accepts your key.')
    expectVerdict(found.credits, 'fine', 'Your balance is $5.00.')
    expectVerdict(found.prompt, 'fine', 'The next prompt would carry your sign-in to partner nodes.')
    expectVerdict(found.lastRun, 'fine', 'No partner node has failed since ComfyUI was opened.')
    expect(found.token).toBeUndefined() // a key has no token to renew

    const list = panelOf(section).getByRole('list', { name: 'Findings' })
    expect(await list.evaluate((element) => element === document.activeElement)).toBe(true)
    await expectNoViolations(page, OUR_ROOTS.section, 'the setup check, all fine')
    // The probe prompt never reached ComfyUI, and credentials went to the Comfy API alone.
    expect(await receivedPrompts()).toHaveLength(0)
    expect([...credentialOrigins]).toEqual([new URL(inject('comfyApiUrl')).origin])
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })

  it('runs from the command "Comfy Account: Check my setup" in our dialog', async () => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    await page.getByLabel('Command', { exact: true }).selectOption('ComfyAccount.CheckSetup')
    await page.getByRole('button', { name: 'Execute', exact: true }).click()

    const dialog = page.locator('dialog.comfy-account-dialog')
    const panel = panelOf(dialog)
    await panel.getByRole('status').filter({ hasText: 'Check finished' }).waitFor({ timeout: 30_000 })
    const found = await readFindings(panel)
    expectVerdict(found.session, 'problem', 'Nobody is signed in')
    expectVerdict(found.prompt, 'problem', 'The next prompt would carry no sign-in')
    expect(found.credits).toBeUndefined()
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })
})

describe('the address', () => {
  it('plain HTTP on a network name: both problems, and the report is shown to copy by hand', async () => {
    const page = await openRemote(REMOTE_HOST)
    const errors = recordPageErrors(page)
    const section = await openAccountSection(page)

    const found = await checkSetup(section)
    expectVerdict(found.connection, 'problem', 'This page is plain HTTP on a network address')
    expectVerdict(found.connection, 'problem', 'What to do: Open ComfyUI over https')
    expectVerdict(found.popupSignIn, 'problem', `Google and GitHub sign-in cannot work at ${REMOTE_HOST}`)
    expectVerdict(found.popupSignIn, 'problem', 'Sign in with email and password, or use a Comfy API key.')

    // No clipboard without a secure context: the report is shown, selected, to copy by hand.
    const panel = panelOf(section)
    await panel.getByRole('button', { name: 'Copy report' }).click()
    const report = panel.getByRole('textbox', { name: 'Setup report' })
    await report.waitFor()
    expect(await report.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await report.inputValue()).toContain('[Problem] Connection to ComfyUI')
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })

  it.for([
    ['same-origin', 'problem'],
    ['same-origin-allow-popups', 'fine']
  ] as const)('a Cross-Origin-Opener-Policy of %s: %s for Google and GitHub', async ([policy, verdict]) => {
    const url = new URL(playgroundUrl())
    url.searchParams.set('coop', policy)
    const page = await session.context.newPage()
    const errors = recordPageErrors(page)
    await page.goto(url.toString())
    await waitForApp(page)
    const section = await openAccountSection(page)

    const found = await checkSetup(section)
    expectVerdict(
      found.popupSignIn,
      verdict,
      verdict === 'problem'
        ? 'served with a Cross-Origin-Opener-Policy header that cuts off the Google and GitHub sign-in window'
        : 'Google and GitHub sign-in can work at this address.'
    )
    expectVerdict(found.connection, 'fine', 'This page is encrypted')
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })
})

describe('the Comfy API', () => {
  it('down: cannot be reached, and neither the key nor the balance can be told', async () => {
    const { page, section, errors } = await signedInWithKey()
    await page.route(`${inject('comfyApiUrl')}/**`, (route) => route.abort('connectionrefused'))

    const found = await checkSetup(section)
    expectVerdict(found.apiReach, 'problem', 'cannot be reached. The browser does not say why')
    expectVerdict(found.credential, 'unknown', 'could not be checked')
    expectVerdict(found.credits, 'unknown', 'Your balance could not be read.')
    expect(ourErrors(errors, { comfyApi: ['net::ERR_CONNECTION_REFUSED'] })).toEqual([])
  })

  it('not answering this page (CORS): something answers, but the browser blocks it', async () => {
    // The local API answers local names only (.test included): to a page at comfy.invalid it
    // answers 403 without CORS headers, as the API behind a proxy that drops them would.
    const page = await openRemote(BLOCKED_HOST)
    const errors = recordPageErrors(page)
    const section = await openAccountSection(page)

    const found = await checkSetup(section)
    expectVerdict(found.apiReach, 'problem', 'the browser blocks its answers to this page (CORS)')
    expectVerdict(found.apiReach, 'problem', 'Try without the proxy')
    // Chromium's own report of the blocked answer; the opaque retry gets the anonymous 401.
    const blocked = ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE, 'net::ERR_FAILED'] })
    expect(
      blocked.filter((line) => !/^console: Access to fetch at .* blocked by CORS policy/u.test(line))
    ).toEqual([])
  })

  it('answering 503: the trouble is on Comfy’s side', async () => {
    const { section, errors } = await signedInWithKey()
    await comfyApi.setFault({ status: 503 })

    const found = await checkSetup(section)
    expectVerdict(found.apiReach, 'problem', 'answers with a server error')
    expectVerdict(found.apiReach, 'problem', 'Wait a few minutes and check again.')
    expectVerdict(found.credential, 'unknown', 'could not be checked')
    expect(ourErrors(errors, { comfyApi: [503] })).toEqual([])
  })

  it('refusing the key: a problem with the way out, and the key is not removed by the check', async () => {
    const { section, errors } = await signedInWithKey()
    await comfyApi.forgetIssuedKeys()

    const found = await checkSetup(section)
    expectVerdict(found.apiReach, 'fine', 'answers')
    expectVerdict(found.credential, 'problem', 'The Comfy API refuses this key')
    expectVerdict(found.credential, 'problem', 'Create a new key at platform.comfy.org')
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })

  it('a zero balance: partner nodes will ask for payment (docs/images/diagnostics.png)', async () => {
    const { page, section, errors, key } = await signedInWithKey({ name: 'Ada Lovelace' })
    await setBalance(key, 0)

    const found = await checkSetup(section)
    expectVerdict(
      found.credits,
      'problem',
      'Your balance is $0.00: partner nodes fail with “Payment Required”.'
    )
    expectVerdict(found.credits, 'problem', 'Add credits at platform.comfy.org.')
    await expectNoViolations(page, OUR_ROOTS.section, 'the setup check with a problem')
    // Tall enough for the whole panel to show inside the settings dialog.
    await page.setViewportSize({ width: 1200, height: 2000 })
    await page.evaluate(() => document.fonts.ready)
    await panelOf(section).scrollIntoViewIfNeeded()
    await panelOf(section).screenshot({
      path: fileURLToPath(new URL('../../docs/images/diagnostics.png', import.meta.url)),
      animations: 'disabled'
    })
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })
})

describe('the sign-in', () => {
  it('an expired token with the token service blocked: cannot be renewed, so the next prompt goes without it', async () => {
    const { email, password } = await newAccount('diag-expired')
    await session.context.clock.install()
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const section = await openSectionAndSignIn(page, email, password)

    const fresh = await checkSetup(section)
    expectVerdict(fresh.session, 'fine', 'Signed in with Email and password as d•••@example.com since')
    expectVerdict(fresh.token, 'fine', 'renewing it works right now')
    expectVerdict(fresh.credential, 'fine', 'The Comfy API accepts your sign-in.')

    await page.route('**/securetoken.googleapis.com/**', (route) => route.abort('internetdisconnected'))
    await session.context.clock.setSystemTime(Date.now() + 61 * 60 * 1000)
    const found = await checkSetup(section)
    expectVerdict(found.token, 'problem', 'Your sign-in token has expired and cannot be renewed')
    expectVerdict(found.credential, 'unknown', 'could not be checked')
    expectVerdict(found.prompt, 'problem', 'The next prompt would go out without your sign-in')
    expect(
      ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE], auth: ['net::ERR_INTERNET_DISCONNECTED'] })
    ).toEqual([])
  })
})

describe('prompts', () => {
  it('another extension’s wrapper that drops extra_data: the credential would not arrive', async () => {
    const { page, section, errors } = await signedInWithKey()
    await clearReceivedPrompts()
    // As an extension that queues on its own: its own body, through the unwrapped fetchApi.
    await page.evaluate(() => {
      const { api, ComfyApi } = (
        window as unknown as {
          comfyAPI: {
            api: {
              api: { queuePrompt: unknown }
              ComfyApi: { prototype: { fetchApi(route: string, init: RequestInit): Promise<Response> } }
            }
          }
        }
      ).comfyAPI.api
      const plainFetchApi = ComfyApi.prototype.fetchApi
      api.queuePrompt = async (_number: number, { output }: { output: unknown }) => {
        const response = await plainFetchApi.call(api, '/prompt', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ prompt: output })
        })
        return response.json()
      }
    })

    const found = await checkSetup(section)
    expectVerdict(found.prompt, 'problem', 'Another extension queues prompts without the sign-in')
    expectVerdict(found.prompt, 'problem', 'Turn off other extensions that change how prompts are queued')
    expect(await receivedPrompts()).toHaveLength(0)
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })

  it.for([
    ['Unauthorized: Please login first to use this node.', 'problem', '“Unauthorized” (401)'],
    [
      'Payment Required: Please add credits to your account to use this node.',
      'problem',
      '“Payment Required” (402)'
    ],
    ['Invalid image size', 'unknown', 'for a reason other than your account']
  ] as const)('a partner node that failed with "%s"', async ([message, verdict, text]) => {
    const { page, section, errors } = await signedInWithKey()
    await page.evaluate((exception_message) => {
      const { api } = (window as unknown as { comfyAPI: { api: { api: EventTarget } } }).comfyAPI.api
      api.dispatchEvent(
        new CustomEvent('execution_error', {
          detail: { prompt_id: 'p1', node_id: '4', node_type: 'OpenAIDalle3', exception_message }
        })
      )
    }, message)

    const found = await checkSetup(section)
    expectVerdict(found.lastRun, verdict, text)
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })

  it('a partner node that failed for someone signed out loads none of our code, and the check tells of it', async () => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const ourCode: string[] = []
    page.on('request', (request) => {
      if (/\/lazy\/account-(ui|services)-/u.test(request.url())) ourCode.push(request.url())
    })
    await page.evaluate(async () => {
      const { api } = (window as unknown as { comfyAPI: { api: { api: EventTarget } } }).comfyAPI.api
      api.dispatchEvent(
        new CustomEvent('execution_error', {
          detail: {
            prompt_id: 'p1',
            node_id: '4',
            node_type: 'OpenAIDalle3',
            exception_message: 'Unauthorized: Please login first to use this node.'
          }
        })
      )
      // Time for the run's end to be handled: code loaded for it would be on its way by then.
      await new Promise((resolve) => setTimeout(resolve, 1000))
    })
    expect(ourCode).toEqual([])

    const found = await checkSetup(await openAccountSection(page))
    expectVerdict(found.lastRun, 'problem', '“Unauthorized” (401)')
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })
})

describe('the report', () => {
  it('has the versions, the browser and every finding, and no secret', async () => {
    const { email, password } = await newAccount('diag-report')
    const { page, section, errors } = await openSection(session.context, { builtinUser: true })
    await signInWithEmail(section, email, password)
    const found = await checkSetup(section)
    expectVerdict(found.hostPage, 'fine', 'ComfyUI’s own account page shows the same sign-in.')

    await panelOf(section).getByRole('button', { name: 'Copy report' }).click()
    await panelOf(section).getByRole('status').filter({ hasText: 'Report copied.' }).waitFor()
    const report = await page.evaluate(() => navigator.clipboard.readText())

    expect(report).toContain('ComfyUI-Account setup report')
    expect(report).toContain('ComfyUI: playground')
    expect(report).toContain('ComfyUI frontend: 1.24.0-playground')
    expect(report).toMatch(/ComfyUI-Account: \d+\.\d+\.\d+/u)
    expect(report).toContain(`Browser: ${await page.evaluate(() => navigator.userAgent)}`)
    expect(report).toContain('[Fine] Who is signed in: Signed in with Email and password as d•••@example.com')
    expect(report.split('\n').filter((line) => line.startsWith('['))).toHaveLength(Object.keys(found).length)

    // The real secrets of this session, straight from Firebase's own storage entry.
    const stored = await page.evaluate(() => {
      const entry = Object.keys(localStorage).find((name) => name.startsWith('firebase:authUser:'))
      const user = JSON.parse(localStorage.getItem(entry ?? '') ?? '{}') as {
        stsTokenManager?: { accessToken?: string; refreshToken?: string }
      }
      return user.stsTokenManager ?? {}
    })
    const secrets = [email, password, stored.accessToken, stored.refreshToken]
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 8)).toBe(true)
    for (const secret of secrets) expect(report).not.toContain(secret)
    expect(report).not.toContain(email.split('@')[0])
    expect(ourErrors(errors, { comfyApi: [ANONYMOUS_PROBE] })).toEqual([])
  })
})
