/**
 * What the API-key browser tests do and look at in the playground: the "Comfy API key" tab, the
 * places a key can be stored, and the page's text, which must never show more than the masked key.
 */
import { randomBytes } from 'node:crypto'

import type { Locator, Page } from 'playwright-core'
import { expect, inject } from 'vitest'

import { statusCard } from './accountFlows'
import { openAccountSection, type PlaygroundOptions, waitForApp } from './browser'

/** Where ComfyUI's own page and ours keep the key (docs/host-contract.md, "The Comfy API"). */
export const KEY_STORAGE_KEY = 'comfy_api_key'

/** Right format (`comfyui-` + 64 hex), never issued by the local Comfy API. */
export function unknownKey(): string {
  return `comfyui-${randomBytes(32).toString('hex')}`
}

export function maskedForm(key: string): string {
  return `comfyui-…${key.slice(-4)}`
}

export interface StoredKeys {
  local: string | null
  session: string | null
}

export function storedKeys(page: Page): Promise<StoredKeys> {
  return page.evaluate(
    (name) => ({ local: localStorage.getItem(name), session: sessionStorage.getItem(name) }),
    KEY_STORAGE_KEY
  )
}

export const nothingStored: StoredKeys = { local: null, session: null }

export function keyField(section: Locator): Locator {
  return section.getByLabel('API key', { exact: true })
}

export { statusCard }

export async function openKeyTab(section: Locator): Promise<void> {
  await section.getByRole('tab', { name: 'Comfy API key' }).click()
  await keyField(section).waitFor()
}

/** Types the key into the API key tab and submits it, as a user would. */
export async function submitKey(section: Locator, key: string): Promise<void> {
  await openKeyTab(section)
  await keyField(section).fill(key)
  await section.getByRole('button', { name: 'Save key' }).click()
}

/** Waits for the status card of a key session and returns it. */
export async function signInWithKey(section: Locator, key: string): Promise<Locator> {
  await submitKey(section, key)
  const card = statusCard(section)
  await expect.poll(() => card.getByTestId('comfy-account-masked-key').textContent()).toBe(maskedForm(key))
  return card
}

/** Reloads like a user pressing F5, then opens our section again. */
export async function reloadAndOpen(page: Page, options: PlaygroundOptions = {}): Promise<Locator> {
  await page.reload()
  await waitForApp(page)
  return openAccountSection(page, options)
}

/** Everything the page shows: its text, attributes included, and every field's value. */
export function pageContent(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.title,
      document.documentElement.outerHTML,
      ...Array.from(
        document.querySelectorAll('input, textarea'),
        (field) => (field as HTMLInputElement).value
      )
    ].join('\n')
  )
}

/**
 * Every 8-character run of the key's secret part (between the prefix and the last four) that the
 * page shows: in its text, its attributes, or any field's value. The masked form shows the prefix
 * and the last four only, so this must be empty.
 */
export async function keyLeaks(page: Page, key: string): Promise<string[]> {
  const visible = await pageContent(page)
  const secret = key.slice('comfyui-'.length, -4)
  const leaks: string[] = []
  for (let start = 0; start + 8 <= secret.length; start++) {
    const run = secret.slice(start, start + 8)
    if (visible.includes(run)) leaks.push(run)
  }
  return leaks
}

/** What Chromium reports for a failed load: an HTTP status, or a network error such as `net::ERR_FAILED`. */
export type BrowserLoadFailure = number | `net::${string}`

/**
 * Page errors minus the lines Chromium itself logs for each failed load ("Failed to load resource:
 * the server responded with a status of 401", "... net::ERR_CONNECTION_REFUSED"): those are the
 * browser's report of an answer the test provoked on purpose, not an error of ours. Only the given
 * failures of requests to the local Comfy API are dropped; anything else stays and fails the test.
 */
export function ourErrors(errors: string[], provoked: BrowserLoadFailure[] = []): string[] {
  const comfyApiUrl = inject('comfyApiUrl')
  return errors.filter((line) => {
    const failed =
      /^console: Failed to load resource: (?:the server responded with a status of (\d+)|(net::\w+))/.exec(
        line
      )
    if (!failed || !line.includes(`(${comfyApiUrl}/`)) return true
    return !provoked.some((failure) => failure === Number(failed[1]) || failure === failed[2])
  })
}
