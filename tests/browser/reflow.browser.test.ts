/**
 * Nothing cut off, nothing on top of something else, no sideways scrolling: our UI at 200% zoom
 * (a 1280 × 800 window zoomed to 200% lays out in 640 × 400 CSS pixels, WCAG 1.4.10) and in a
 * 360 px wide panel, in each state with the most to show. Every state is also saved as a
 * screenshot under test-results/reflow/ to look at.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { expectSignedIn, newAccount } from '../support/accountFlows'
import { OUR_ROOTS } from '../support/accessibility'
import {
  openAccountSection,
  openPlayground,
  ourErrors,
  recordPageErrors,
  useBrowser
} from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'

const screenshots = fileURLToPath(new URL('../../test-results/reflow/', import.meta.url))
const comfyApi = comfyApiControl()

beforeAll(() => {
  mkdirSync(screenshots, { recursive: true })
})

/**
 * What is wrong with the layout inside `root`: an element sticking out of it sideways, a piece
 * of text or a control cut off by its own box, and two controls or texts on top of each other.
 */
function layoutProblems(root: Locator): Promise<string[]> {
  return root.evaluate((rootElement) => {
    const problems: string[] = []
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/\s+/gu, '.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`
    // checkVisibility: content hidden by a style (a tab panel not shown) can still report boxes.
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect()
      return (
        box.width > 0 &&
        box.height > 0 &&
        !element.closest('.ca-visually-hidden') &&
        element.checkVisibility({ visibilityProperty: true })
      )
    }
    const rootBox = rootElement.getBoundingClientRect()
    if (rootElement.scrollWidth > rootElement.clientWidth + 1) {
      problems.push(`the root scrolls sideways: ${rootElement.scrollWidth} > ${rootElement.clientWidth} px`)
    }
    // What a user reads or uses: each must be whole and on its own.
    const atoms = [
      ...rootElement.querySelectorAll(
        'input, button, a, select, img, svg, code, h2, h3, dt, dd, li, p, .ca-label, .ca-badge, .ca-message'
      )
    ].filter(shown)
    for (const element of atoms) {
      const box = element.getBoundingClientRect()
      if (box.left < rootBox.left - 1 || box.right > rootBox.right + 1) {
        problems.push(
          `${describe(element)} sticks out of the root (${box.left}–${box.right} vs ${rootBox.left}–${rootBox.right})`
        )
      }
      if (
        element.tagName !== 'INPUT' &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.clientWidth > 0
      ) {
        const style = getComputedStyle(element)
        if (style.overflowX !== 'visible')
          problems.push(
            `${describe(element)} is cut off (${element.scrollWidth} > ${element.clientWidth} px)`
          )
      }
    }
    for (let i = 0; i < atoms.length; i++) {
      for (let j = i + 1; j < atoms.length; j++) {
        const a = atoms[i]
        const b = atoms[j]
        if (!a || !b || a.contains(b) || b.contains(a)) continue
        const x = a.getBoundingClientRect()
        const y = b.getBoundingClientRect()
        const overlapX = Math.min(x.right, y.right) - Math.max(x.left, y.left)
        const overlapY = Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top)
        if (overlapX > 1 && overlapY > 1) problems.push(`${describe(a)} overlaps ${describe(b)}`)
      }
    }
    return problems
  })
}

async function check(page: Page, root: Locator, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready
  })
  expect(await layoutProblems(root), `layout problems in ${name}`).toEqual([])
  await root.screenshot({ path: `${screenshots}${name}.png` })
}

/** The states with the most to show: errors, the password rules, a long address, the dialog. */
async function walkStates(page: Page, section: Locator, label: string, narrow: () => Promise<void>) {
  const { email, password } = await newAccount(`reflow-a-rather-long-address-${label}`)
  await narrow()
  const submit = () => section.locator('[role="tabpanel"]:visible button[type="submit"]').click()

  await section.getByRole('button', { name: 'Trouble signing in?' }).click()
  await submit()
  await section.getByRole('alert').waitFor()
  await check(page, section, `${label}-sign-in-error`)

  await section.getByRole('button', { name: 'Create an account' }).click()
  await section.locator('input[name="new-password"]').fill('Short1')
  await section.locator('input[name="confirm-password"]').fill('Short2')
  await submit()
  await check(page, section, `${label}-create-account`)
  await section.getByRole('button', { name: 'I already have an account' }).click()

  await section.getByRole('tab', { name: 'Comfy API key' }).click()
  await section.locator('input[name="api-key"]').fill('comfyui-x')
  await submit()
  await section.locator('input[name="api-key"][aria-invalid="true"]').waitFor()
  await check(page, section, `${label}-api-key-problems`)
  await section.getByRole('tab').first().click()

  await section.locator('input[name="email"]').fill(email)
  await section.locator('input[name="password"]').fill(password)
  await submit()
  await expectSignedIn(section, email, 15_000)
  await section.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 })
  await check(page, section, `${label}-status-card`)
}

describe('at 200% zoom', () => {
  const session = useBrowser([], { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 })

  it('the section and the partner-node dialog fit: nothing cut off or overlapping', async () => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const section = await openAccountSection(page)
    await walkStates(page, section, 'zoom-200', async () => undefined)
    await section.getByRole('button', { name: 'Log out' }).click()
    await section.locator('input[name="email"]').waitFor({ timeout: 15_000 })

    await page.keyboard.press('Escape')
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const dialog = page.locator(OUR_ROOTS.dialog)
    await dialog.getByTestId('comfy-account-partner-nodes').waitFor({ timeout: 15_000 })
    await check(page, dialog, 'zoom-200-partner-nodes')
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()
    await dialog.locator('input[name="email"]').waitFor()
    await check(page, dialog, 'zoom-200-dialog-sign-in')
    expect(ourErrors(errors)).toEqual([])
  })
})

describe('in a 360 px wide panel', () => {
  const session = useBrowser([], { viewport: { width: 1280, height: 900 } })

  it('the section fits: nothing cut off or overlapping', async () => {
    const key = await comfyApi.issueKey({ name: 'A Person With A Rather Long Name For A Narrow Panel' })
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const section = await openAccountSection(page)
    // As narrow as a phone or a docked side panel; the host's own dialog stays as it is.
    const narrow = () => section.evaluate((element) => element.setAttribute('style', 'width: 360px'))
    await walkStates(page, section, 'panel-360', narrow)
    await section.getByRole('button', { name: 'Log out' }).click()
    await section.locator('input[name="email"]').waitFor({ timeout: 15_000 })

    await section.getByRole('tab', { name: 'Comfy API key' }).click()
    await section.locator('input[name="api-key"]').fill(key)
    await section.getByRole('button', { name: 'Save key' }).click()
    await section.getByTestId('comfy-account-masked-key').waitFor({ timeout: 15_000 })
    await section.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 })
    await check(page, section, 'panel-360-api-key-card')

    // The check itself finds a control wider than the panel.
    await section.evaluate((element) => {
      const wide = element.appendChild(document.createElement('button'))
      wide.textContent = 'A button far too wide'
      wide.style.width = '600px'
    })
    expect((await layoutProblems(section)).join('\n')).toContain(
      '"A button far too wide" sticks out of the root'
    )
    expect(ourErrors(errors)).toEqual([])
  })
})
