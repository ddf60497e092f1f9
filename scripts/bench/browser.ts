/**
 * The browser tests' Chromium with the benchmark's flags, and the few page interactions the
 * benchmark repeats: boot the playground, open our section, close the dialog, force a GC.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { launchChromium } from '../../dev/services/chromium'

/**
 * `window.gc()` for the heap row, and exact `performance.memory` figures: without the second flag
 * Chromium rounds them into coarse buckets and refreshes them rarely.
 */
const BENCH_ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info']

/** The label of our nav entry on a host without its own User page (`?builtinUser=0`). */
export const NAV_LABEL = 'User'

/** How long any single wait in the page may take before the row is reported as an error. */
export const PAGE_TIMEOUT_MS = 30_000

export interface SectionProbe {
  /** `pointerdown`: the press, which starts the watch for anything happening before the click. */
  pressAt?: number
  /** `click`: where the host switches pages, and where the timing starts. */
  clickAt?: number
  /** When our root element joined the page: the host has re-rendered and called our renderer. */
  rootAt?: number
  readyAt?: number
}

export interface SectionTiming {
  /** Click on our nav entry → our email field visible and enabled. */
  interactiveMs: number
  /** Click → our root in the page: the host's share of the above. */
  hostMs: number
  /** Press → click: the test driver's round trips, the same for any page; not in the above. */
  pressMs: number
}

/** The host's globals and our probes, as functions evaluated in the page see them. */
export interface BenchWindow {
  __playground: { openSettings(entry?: string): void; closeSettings(): void; ready: Promise<void> }
  comfyAPI: {
    api: {
      api: {
        fetchApi(route: string, init?: RequestInit): Promise<Response>
        queuePrompt(
          number: number,
          prompt: { output: Record<string, unknown>; workflow: unknown }
        ): Promise<unknown>
      }
    }
  }
  gc?: () => void
  __benchRoot?: HTMLElement
  __benchSection?: SectionProbe
}

/** Chromium as the browser tests start it (dev/services/chromium.ts), plus BENCH_ARGS. */
export function launchBenchChromium(): Promise<Browser> {
  return launchChromium(BENCH_ARGS)
}

/**
 * A fresh context (empty cache and storage). tsx compiles with esbuild's `keepNames`, which wraps
 * named inner functions of the callbacks we hand to `page.evaluate` in `__name(...)` calls; the
 * page has no such helper, so give it an identity one.
 */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext()
  await context.addInitScript('globalThis.__name ??= (fn) => fn')
  // Vite's HMR socket (`/?token=...`) answered by nobody: a file saved while the benchmark runs
  // must not reload the page in the middle of a measurement.
  await context.routeWebSocket(
    (url) => url.searchParams.has('token'),
    () => undefined
  )
  return context
}

/**
 * The playground on a host without a built-in User page (our entry is labelled "User"), or with
 * one, in the given version's layout.
 */
export function hostUrl(playgroundUrl: string, withUserPage?: '1.24' | '1.45'): string {
  const url = new URL(playgroundUrl)
  url.searchParams.set('builtinUser', withUserPage ? '1' : '0')
  if (withUserPage) url.searchParams.set('hostVersion', withUserPage)
  return url.toString()
}

export async function waitForHostReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = document.documentElement.dataset.playgroundReady
      if (state === 'error') throw new Error('The playground failed to boot.')
      return state === 'true'
    },
    undefined,
    { timeout: PAGE_TIMEOUT_MS }
  )
}

export async function openHost(
  context: BrowserContext,
  playgroundUrl: string,
  withUserPage?: '1.24' | '1.45'
): Promise<Page> {
  const page = await context.newPage()
  await page.goto(hostUrl(playgroundUrl, withUserPage))
  await waitForHostReady(page)
  return page
}

/** What a first open waits for: a page's root, and its first sign-in control, visible and enabled. */
export interface OpenTarget {
  /** The nav entry's label. */
  label: string
  root: string
  firstControl: string
}

/** Our section, on a host without its own User page (so our entry is "User"). */
export const OUR_SECTION: OpenTarget = {
  label: NAV_LABEL,
  root: '.comfy-account-root',
  firstControl: 'section.comfy-account input[name="email"]'
}

/** Our section next to the host's own User page, where our entry is "Comfy Account". */
export const OUR_SECTION_NEXT_TO_HOST: OpenTarget = { ...OUR_SECTION, label: 'Comfy Account' }

/** The host's own User page, signed out: its Sign in button. */
export const HOST_USER_PAGE: OpenTarget = {
  label: 'User',
  root: '[data-testid="builtin-user-panel"]',
  firstControl: '[data-testid="builtin-user-panel"] button'
}

/**
 * The least any extension's section can be: one function-type setting whose element is a single
 * button, kept and returned again as ours is. What the host draws around a settings category
 * (in 1.24 a ScrollPanel and a form row) is in its open; nothing of ours is.
 */
export const FLOOR_SECTION: OpenTarget = {
  label: 'Floor',
  root: '.bench-floor',
  firstControl: '.bench-floor button'
}

/** The extension file that registers FLOOR_SECTION. */
export const FLOOR_EXTENSION_JS = `const { app } = window.comfyAPI.app
let root
app.registerExtension({
  name: 'BenchFloor',
  settings: [
    {
      id: 'BenchFloor.Row',
      name: 'Floor row',
      category: ['Floor', 'Floor', 'Row'],
      defaultValue: '',
      type: () => {
        if (!root) {
          root = document.createElement('div')
          root.className = 'bench-floor'
          const button = document.createElement('button')
          button.type = 'button'
          button.textContent = 'Sign in'
          root.append(button)
        }
        return root
      }
    }
  ]
})
`

/**
 * Runs in the page before the click: notes the click and the first moment the target's first
 * control is visible and enabled, which is what a user waits for.
 *
 * The timing starts at the `click` event, which is where the host switches pages. The press
 * before it (`pointerdown` → `click`) is the test driver's protocol round trips and a frame:
 * 6–11 ms here, the same for any page, and varying by more than the millisecond the warm rows
 * must tell apart. So that starting at the click hides nothing, the watch starts at the press,
 * and a page whose root or control shows up before the click fails the measurement.
 */
function installOpenProbe({ root, firstControl }: { root: string; firstControl: string }): void {
  const w = window as unknown as BenchWindow
  const probe: SectionProbe = {}
  w.__benchSection = probe
  const interactive = (): boolean => {
    const control = document.querySelector(firstControl)
    return (
      control instanceof HTMLElement &&
      !(control as HTMLInputElement).disabled &&
      control.getClientRects().length > 0 &&
      control.checkVisibility({ visibilityProperty: true })
    )
  }
  if (interactive()) throw new Error(`${firstControl} was already showing before its nav entry was clicked.`)
  const deadline = performance.now() + 30_000
  const check = (): void => {
    if (probe.pressAt === undefined || probe.readyAt !== undefined) return
    if (probe.rootAt === undefined && document.querySelector(root)) probe.rootAt = performance.now()
    if (interactive()) {
      probe.readyAt = performance.now()
      observer.disconnect()
    }
  }
  // DOM changes are caught the moment they happen; the frame loop catches what changes without a
  // mutation (a stylesheet applying, layout settling).
  const observer = new MutationObserver(check)
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true })
  const poll = (): void => {
    check()
    if (probe.readyAt === undefined && performance.now() < deadline) requestAnimationFrame(poll)
  }
  const listen = (type: string, note: () => void): void =>
    document.addEventListener(type, note, { capture: true, once: true })
  listen('pointerdown', () => {
    probe.pressAt = performance.now()
    poll()
  })
  listen('click', () => {
    probe.clickAt = performance.now()
  })
}

export async function openSettings(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as BenchWindow).__playground.openSettings())
  await page.getByRole('dialog').waitFor({ timeout: PAGE_TIMEOUT_MS })
}

export async function closeSettings(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as BenchWindow).__playground.closeSettings())
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: PAGE_TIMEOUT_MS })
}

/**
 * Opens the settings dialog, clicks the target's nav entry (ours by default) and waits until its
 * first control is interactive, timed in the page.
 */
export async function openAccountSection(
  page: Page,
  target: OpenTarget = OUR_SECTION
): Promise<SectionTiming> {
  await openSettings(page)
  await page.evaluate(installOpenProbe, { root: target.root, firstControl: target.firstControl })
  // 1.24's nav is a listbox (also on hosts without a User page); 1.45's a <nav> of buttons.
  const dialog = page.getByRole('dialog')
  const named = { name: target.label, exact: true }
  await dialog.getByRole('option', named).or(dialog.getByRole('button', named)).click()
  const timing = await page.waitForFunction(
    () => {
      const { pressAt, clickAt, rootAt, readyAt } = (window as unknown as BenchWindow).__benchSection ?? {}
      if (pressAt === undefined || clickAt === undefined || readyAt === undefined) return undefined
      if (Math.min(rootAt ?? readyAt, readyAt) < clickAt) {
        throw new Error(
          'The page showed up between the press and the click: timing from the click would hide that.'
        )
      }
      return {
        interactiveMs: readyAt - clickAt,
        hostMs: (rootAt ?? readyAt) - clickAt,
        pressMs: clickAt - pressAt
      }
    },
    undefined,
    { timeout: PAGE_TIMEOUT_MS }
  )
  const value = await timing.jsonValue()
  if (!value) throw new Error('The section probe returned nothing.')
  return value
}

/** Keeps a reference to our root element, so it can be inspected after the host drops it. */
export async function rememberRoot(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('.comfy-account-root')
    if (root) (window as unknown as BenchWindow).__benchRoot = root
    return Boolean(root)
  })
  if (!found) throw new Error('No .comfy-account-root in the page.')
}

/**
 * Vue apps of ours alive in the page: elements holding `__vue_app__` in our roots on the page and
 * in the remembered root (which may be detached: a leaked app would live on there).
 */
export function countLiveApps(page: Page): Promise<number> {
  return page.evaluate(() => {
    const elements = new Set<Element>(document.querySelectorAll('.comfy-account-root, .comfy-account-root *'))
    const remembered = (window as unknown as BenchWindow).__benchRoot
    if (remembered) {
      elements.add(remembered)
      for (const element of remembered.querySelectorAll('*')) elements.add(element)
    }
    return [...elements].filter((element) => '__vue_app__' in element).length
  })
}

/** `usedJSHeapSize` after a few forced collections (weak references and finalizers need more than one). */
export function heapAfterGc(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as BenchWindow
    if (!w.gc) throw new Error('window.gc is missing: Chromium was not started with --expose-gc.')
    for (let i = 0; i < 4; i++) {
      w.gc()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
    if (!memory) throw new Error('performance.memory is not available in this browser.')
    return memory.usedJSHeapSize
  })
}
