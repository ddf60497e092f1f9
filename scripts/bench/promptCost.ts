/**
 * What our credential costs each submission, and how many token refreshes a burst of
 * submissions causes. Both depend on the prompt-credential feature (a wrapper around the host's
 * `api` for `/prompt`, docs/host-contract.md, "Partner-node credentials"); without it the rows are reported as not applicable.
 *
 * Submissions go through `api.queuePrompt`, which calls `api.fetchApi('/prompt')`: a wrapper at
 * either place is measured. The cost is timed up to the moment the request leaves the page; the
 * round trip to the dev server varies by milliseconds and would drown it.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'

import type { Playground } from '../../playground/server'
import type { EmulatorAdmin } from '../../dev/services/emulatorAdmin'
import {
  closeSettings,
  newBenchContext,
  openAccountSection,
  openHost,
  PAGE_TIMEOUT_MS,
  type BenchWindow
} from './browser'
import { median, round, sleep } from './stats'

export interface PromptCostResult {
  /** Whether the signed-in host's submissions carried `extra_data.auth_token_comfy_org`. */
  credentialsImplemented: boolean
  calls: number
  withExtension: SubmissionTiming[]
  withoutExtension: SubmissionTiming[]
  /** median(with) - median(without) of `beforeRequestMs`: the credential's cost per prompt. */
  medianCostMs: number
  /** median(with) - median(without) of `totalMs`, for reference (network noise included). */
  medianTotalDifferenceMs: number
  concurrentSubmissions: number
  /** Refresh requests while 20 submissions race, with the token just issued. */
  refreshesFreshToken: number
  /** The same with the page's clock moved to 10 s before the token expires; undefined if that failed. */
  refreshesNearExpiry: number | undefined
  nearExpiryError?: string
}

const PASSWORD = 'Bench-Horse-42!'
/** Firebase ID tokens live one hour; the SDK refreshes them 30 s before they expire. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000
const NEAR_EXPIRY_MS = TOKEN_LIFETIME_MS - 10_000
/** Warm-up submissions before timing: the first ones load and cache the token. */
const WARM_UP_CALLS = 5

async function signIn(page: Page, email: string): Promise<void> {
  await openAccountSection(page)
  const section = page.locator('section.comfy-account')
  await section.getByLabel('Email').fill(email)
  await section.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await section.getByRole('button', { name: 'Sign in', exact: true }).click()
  await section
    .getByTestId('comfy-account-status')
    .filter({ hasText: email })
    .waitFor({ timeout: PAGE_TIMEOUT_MS })
  await closeSettings(page)
}

export interface SubmissionTiming {
  /** Call → response, over the network to the playground: mostly the server and its noise. */
  totalMs: number
  /** Call → the `/api/prompt` request leaving through `fetch`: what a wrapper adds, noise-free. */
  beforeRequestMs: number
}

/** One submission through the host's `api`, timed in the page. */
function timeSubmission(page: Page): Promise<SubmissionTiming> {
  return page.evaluate(async () => {
    const { api } = (window as unknown as BenchWindow).comfyAPI.api
    const realFetch = window.fetch
    let requestAt: number | undefined
    // The host's fetchApi calls the global fetch; note when the prompt request leaves.
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (requestAt === undefined && new URL(url, location.href).pathname.endsWith('/api/prompt')) {
        requestAt = performance.now()
      }
      return realFetch.call(window, input, init)
    }
    const start = performance.now()
    try {
      await api.queuePrompt(0, { output: {}, workflow: {} })
    } finally {
      window.fetch = realFetch
    }
    const end = performance.now()
    return { totalMs: end - start, beforeRequestMs: (requestAt ?? end) - start }
  })
}

/**
 * `count` submissions at once. Straight to `api.queuePrompt`: the host's `app.queuePrompt` queues
 * its callers and submits one after another (ComfyUI's does too), so through it the submissions
 * would never meet in our wrapper and a missing de-duplication of refreshes would go unseen.
 */
async function submitConcurrently(page: Page, count: number): Promise<void> {
  await page.evaluate(async (n) => {
    const { api } = (window as unknown as BenchWindow).comfyAPI.api
    await Promise.all(Array.from({ length: n }, () => api.queuePrompt(0, { output: {}, workflow: {} })))
  }, count)
}

/** Requests to the token endpoint (the emulator serves it under this path) while `action` runs. */
async function countRefreshes(context: BrowserContext, action: () => Promise<void>): Promise<number> {
  let refreshes = 0
  const onRequest = (request: Request): void => {
    if (new URL(request.url()).pathname.startsWith('/securetoken.googleapis.com/')) refreshes++
  }
  context.on('request', onRequest)
  try {
    await action()
    // A refresh started by the last submission may still be on its way.
    await sleep(1_000)
  } finally {
    context.off('request', onRequest)
  }
  return refreshes
}

function carriesToken(playground: Playground, since: number): boolean {
  const bodies = playground.prompts.slice(since).map((prompt) => prompt.body)
  return bodies.length > 0 && bodies.every((body) => Boolean(body.extra_data?.auth_token_comfy_org))
}

async function nearExpiryRefreshes(
  browser: Browser,
  playgroundUrl: string,
  email: string,
  submissions: number
): Promise<number> {
  const context = await newBenchContext(browser)
  try {
    // Playwright's clock lets time flow normally; only the jump below moves Date.now(), which is
    // what Firebase compares the token's expiry with. No timer fires because of it.
    await context.clock.install()
    const page = await openHost(context, playgroundUrl)
    await signIn(page, email)
    await page.clock.setSystemTime(Date.now() + NEAR_EXPIRY_MS)
    return await countRefreshes(context, () => submitConcurrently(page, submissions))
  } finally {
    await context.close()
  }
}

export async function measurePromptCost(
  browser: Browser,
  hosts: { withExtension: Playground; withoutExtension: Playground },
  emulator: EmulatorAdmin,
  { calls, concurrentSubmissions }: { calls: number; concurrentSubmissions: number }
): Promise<PromptCostResult> {
  const email = `bench-${Date.now()}@example.com`
  await emulator.createUser(email, PASSWORD)

  const withContext = await newBenchContext(browser)
  const withoutContext = await newBenchContext(browser)
  try {
    const withPage = await openHost(withContext, hosts.withExtension.url)
    const withoutPage = await openHost(withoutContext, hosts.withoutExtension.url)
    await signIn(withPage, email)

    for (let i = 0; i < WARM_UP_CALLS; i++) {
      await timeSubmission(withPage)
      await timeSubmission(withoutPage)
    }
    const firstTimed = hosts.withExtension.prompts.length
    const withExtension: SubmissionTiming[] = []
    const withoutExtension: SubmissionTiming[] = []
    // Interleaved, so both hosts see the same machine.
    for (let i = 0; i < calls; i++) {
      withExtension.push(await timeSubmission(withPage))
      withoutExtension.push(await timeSubmission(withoutPage))
    }
    const credentialsImplemented = carriesToken(hosts.withExtension, firstTimed)

    const refreshesFreshToken = await countRefreshes(withContext, () =>
      submitConcurrently(withPage, concurrentSubmissions)
    )

    let refreshesNearExpiry: number | undefined
    let nearExpiryError: string | undefined
    try {
      refreshesNearExpiry = await nearExpiryRefreshes(
        browser,
        hosts.withExtension.url,
        email,
        concurrentSubmissions
      )
    } catch (error) {
      nearExpiryError = error instanceof Error ? error.message : String(error)
    }

    const difference = (key: keyof SubmissionTiming): number =>
      round(median(withExtension.map((t) => t[key])) - median(withoutExtension.map((t) => t[key])))
    const rounded = (timings: SubmissionTiming[]): SubmissionTiming[] =>
      timings.map(({ totalMs, beforeRequestMs }) => ({
        totalMs: round(totalMs),
        beforeRequestMs: round(beforeRequestMs)
      }))
    return {
      credentialsImplemented,
      calls,
      withExtension: rounded(withExtension),
      withoutExtension: rounded(withoutExtension),
      medianCostMs: difference('beforeRequestMs'),
      medianTotalDifferenceMs: difference('totalMs'),
      concurrentSubmissions,
      refreshesFreshToken,
      refreshesNearExpiry,
      ...(nearExpiryError !== undefined && { nearExpiryError })
    }
  } finally {
    await withContext.close()
    await withoutContext.close()
  }
}
