/**
 * The accessibility audit the browser tests run on our DOM: axe-core at the WCAG 2.2 AA rule set,
 * scoped to one of our roots (the host's own DOM is not ours to judge, nor to fix). Also what the
 * keyboard and zoom tests share: where focus is, and whether it can be seen.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Result } from 'axe-core'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/** axe-core's tags for every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const

/** Where our DOM starts: the section (in the settings dialog or our own) and our own dialog. */
export const OUR_ROOTS = {
  section: 'section.comfy-account',
  dialog: 'dialog.comfy-account-dialog'
} as const

/** One line per failing element: rule, impact, what axe says is wrong, and where. */
function describeViolation(violation: Result): string[] {
  return violation.nodes.map(
    (node) =>
      `${violation.id} (${violation.impact ?? 'n/a'}) at ${JSON.stringify(node.target)}: ` +
      `${node.failureSummary?.replace(/\s+/gu, ' ') ?? violation.help}`
  )
}

/**
 * The WCAG 2.2 AA violations axe-core finds inside `rootSelector` (every match of it), as
 * readable lines; `[]` when there are none. Contrast is judged against what is really painted
 * behind our elements, host backgrounds included.
 */
export async function accessibilityViolations(page: Page, rootSelector: string): Promise<string[]> {
  if ((await page.locator(rootSelector).count()) === 0) {
    throw new Error(`Nothing matches ${rootSelector}: open that part of the UI before auditing it.`)
  }
  const results = await new AxeBuilder({ page })
    .include(rootSelector)
    .withTags([...WCAG_22_AA_TAGS])
    // Runs axe in the page itself. The default mode finishes in a new blank tab of the same
    // context, which steals the foreground and focus from the page under test (keyboard tests)
    // and shows up in tests that wait for a popup.
    .setLegacyMode(true)
    .analyze()
  return results.violations.flatMap(describeViolation)
}

/**
 * Fails the test with every violation listed when axe-core finds any inside `rootSelector`
 * (`OUR_ROOTS.section`, `OUR_ROOTS.dialog`, or the root of a dialog of ours). `state` names what
 * is on screen, so a failure says which state broke. A soft expectation: a test that walks
 * through several states goes on and reports all of them at once.
 *
 * @example
 * await expectNoViolations(page, OUR_ROOTS.dialog, 'the credits dialog')
 */
export async function expectNoViolations(
  page: Page,
  rootSelector: string = OUR_ROOTS.section,
  state = rootSelector
): Promise<void> {
  expect
    .soft(await accessibilityViolations(page, rootSelector), `accessibility violations in ${state}`)
    .toEqual([])
}

/** What has focus, described for a failure message and for comparing (role, name, test id). */
export interface FocusedElement {
  tag: string
  /** The accessible-name sources a user would hear first: aria-label, label text, or text. */
  name: string
  /** The element's `data-testid`, `id` or `name` attribute, whichever it has. */
  key: string
  /** Inside `section.comfy-account` or our dialog. */
  ours: boolean
  /** `:focus-visible` matches and a focus indicator is drawn (an outline or a box shadow). */
  indicated: boolean
}

export function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate((roots) => {
    const element = document.activeElement
    if (!element || element === document.body) return null
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    const shadow = style.boxShadow !== 'none'
    const labelled = (element as HTMLInputElement).labels?.[0]?.textContent ?? ''
    const name = element.getAttribute('aria-label') ?? (labelled || (element.textContent ?? ''))
    return {
      tag: element.tagName.toLowerCase(),
      name: name.replace(/\s+/gu, ' ').trim(),
      key: element.getAttribute('data-testid') ?? (element.id || (element.getAttribute('name') ?? '')),
      ours: Boolean(element.closest(`${roots.section}, ${roots.dialog}`)),
      indicated: element.matches(':focus-visible') && (outline || shadow)
    }
  }, OUR_ROOTS)
}

/** Waits until `locator` has focus (focus moves after a render, not at once). */
export async function expectFocusOn(locator: Locator, what: string): Promise<void> {
  await expect
    .poll(() => locator.evaluate((element) => element === document.activeElement), {
      message: `focus on ${what}`
    })
    .toBe(true)
}
