/**
 * Chromium (Debian's package, started by dev/services/chromium.ts) against the playground that
 * tests/support/globalSetup.ts started. One browser per test file; a fresh context per test
 * unless a test wants to share one (reloads, two tabs). Also the one check that a page raised no
 * error of ours (`recordPageErrors` + `ourErrors`).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'

import { launchChromium } from '../../dev/services/chromium'

export interface PlaygroundOptions {
  /**
   * Show ComfyUI's own built-in User page, with its own Firebase instance and API-key store, as
   * hosts from ~1.16 do. @default false
   */
  builtinUser?: boolean
  /** Which real host the playground imitates (settings dialog, key store start). @default '1.24' */
  hostVersion?: '1.24' | '1.45'
  /**
   * Run the page as ComfyUI started with `--multi-user`: it shows the user-select page until a
   * ComfyUI user is chosen, then sends it as `Comfy-User`. `openPlayground` waits for the app, so
   * in a context with no chosen user go to `playgroundUrl(...)` and call `chooseComfyUser`. @default false
   */
  multiUser?: boolean
  locale?: string
  theme?: 'dark' | 'light'
}

/** The playground as each real host we are judged in (1.24 and 1.45), both with their own User page. */
export const REAL_HOSTS = [
  { hostVersion: '1.24', builtinUser: true },
  { hostVersion: '1.45', builtinUser: true }
] as const satisfies PlaygroundOptions[]

export function playgroundUrl({
  builtinUser = false,
  hostVersion = '1.24',
  multiUser = false
}: PlaygroundOptions = {}): string {
  const url = new URL(inject('playgroundUrl'))
  url.searchParams.set('builtinUser', builtinUser ? '1' : '0')
  url.searchParams.set('hostVersion', hostVersion)
  url.searchParams.set('multiUser', multiUser ? '1' : '0')
  return url.toString()
}

/**
 * On the playground's user-select page (multi-user mode), signs in as an existing ComfyUI user
 * (`'alice'`, `'bob'`, or an id `POST /api/users` answered) and waits for the app to boot.
 */
export async function chooseComfyUser(page: Page, userId: string): Promise<void> {
  const select = page.getByTestId('user-select')
  await select.getByLabel('Existing user').selectOption(userId)
  await select.getByRole('button', { name: 'Next' }).click()
  await waitForApp(page)
}

/**
 * Console errors and uncaught exceptions a page produced, as `console: <text> (<source url>)` and
 * `pageerror: <message>`; tests assert with `ourErrors` that there are none.
 */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`)
  })
  return errors
}

/** What Chromium reports for a failed load: an HTTP status, or a network error such as `net::ERR_FAILED`. */
export type BrowserLoadFailure = number | `net::${string}`

/** Failed loads a test causes on purpose, by the local service they happen at. */
export interface ProvokedFailures {
  /** At the local Comfy API (`comfyApiUrl`): a key it does not know, a fault the test set. */
  comfyApi?: readonly BrowserLoadFailure[]
  /**
   * At the Auth Emulator as the browser reaches it (`authUrl`, Firebase's sign-in and token
   * services): its 400 is how it says "wrong password" or "address taken".
   */
  auth?: readonly BrowserLoadFailure[]
}

/**
 * The errors of `recordPageErrors` that are ours. Chromium logs a line of its own for every failed
 * load ("Failed to load resource: the server responded with a status of 401", "...:
 * net::ERR_CONNECTION_REFUSED"); only those the test names in `provoked`, at the service it names,
 * are dropped, as the browser's report of an answer the test asked for. Anything else (another
 * status, another address, any other console error, an uncaught exception) stays and fails the test.
 */
export function ourErrors(errors: readonly string[], provoked: ProvokedFailures = {}): string[] {
  const services = [
    { url: inject('comfyApiUrl'), failures: provoked.comfyApi ?? [] },
    { url: inject('authUrl'), failures: provoked.auth ?? [] }
  ]
  return errors.filter((line) => {
    const failed =
      /^console: Failed to load resource: (?:the server responded with a status of (\d+)|(net::\w+))/u.exec(
        line
      )
    if (!failed) return true
    const isProvoked = (failure: BrowserLoadFailure) => failure === Number(failed[1]) || failure === failed[2]
    return !services.some(({ url, failures }) => line.includes(`(${url}/`) && failures.some(isProvoked))
  })
}

/** ComfyUI sets `window.app` only after every extension's setup ran: the page is ready then. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as { app?: unknown }).app))
}

/** Reloads the tab as a user pressing F5 would, and waits for the app again. */
export async function reloadApp(page: Page): Promise<void> {
  await page.reload()
  await waitForApp(page)
}

export async function openPlayground(
  context: BrowserContext,
  options: PlaygroundOptions = {}
): Promise<Page> {
  const page = await context.newPage()
  await page.goto(playgroundUrl(options))
  await waitForApp(page)
  return page
}

export function navLabel(options: PlaygroundOptions = {}): string {
  return options.builtinUser ? 'Comfy Account' : 'User'
}

/** Settings (gear) → our nav entry; returns the section once it is interactive. */
export async function openAccountSection(page: Page, options: PlaygroundOptions = {}) {
  await page.getByRole('button', { name: 'Settings' }).first().click()
  const dialog = page.getByRole('dialog')
  // 1.24's nav is a listbox; 1.45's a <nav> of buttons.
  const entry = options.hostVersion === '1.45' ? 'button' : 'option'
  await dialog.getByRole(entry, { name: navLabel(options), exact: true }).click()
  // Vue's section, not the first paint it replaces (src/ui/firstPaint/): tests then act on the
  // section that stays. tests/browser/firstPaint.browser.test.ts uses the first paint itself.
  await dialog.locator('section.comfy-account:not([data-first-paint])').waitFor()
  return dialog.locator('section.comfy-account')
}

export interface BrowserSession {
  readonly browser: Browser
  /** A fresh context for the current test. */
  readonly context: BrowserContext
}

/**
 * One Chromium for the test file and a fresh context per test, closed afterwards. A file's own
 * hooks (clearing faults, putting settings back) are registered after this call, so Vitest runs
 * its afterEach hooks before the context closes.
 */
export function useBrowser(
  extraArgs: string[] = [],
  contextOptions: BrowserContextOptions = {}
): BrowserSession {
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  beforeAll(async () => {
    browser = await launchChromium(extraArgs)
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    context = await session.browser.newContext(contextOptions)
  })
  afterEach(async () => {
    await context?.close()
  })
  const session: BrowserSession = {
    get browser() {
      if (!browser) throw new Error('No browser yet: use it inside a test or hook.')
      return browser
    },
    get context() {
      if (!context) throw new Error('No context yet: use it inside a test or hook.')
      return context
    }
  }
  return session
}
