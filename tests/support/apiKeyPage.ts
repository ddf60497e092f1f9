/**
 * What the API-key browser tests do and look at in the playground: the "Comfy API key" tab, the
 * places a key can be stored, and the page's text, which must never show more than the masked key.
 */
import { randomBytes } from 'node:crypto'

import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

import { statusCard } from './accountFlows'

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
