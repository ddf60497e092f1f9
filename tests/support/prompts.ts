/**
 * What reached ComfyUI's `POST /api/prompt` in the playground, and what our local Comfy API makes
 * of the token a prompt carried: how the browser tests check that partner nodes get credentials.
 */
import type { Page } from 'playwright-core'
import { expect, inject } from 'vitest'

import { closeSettings } from './hostPage'

export interface RecordedPrompt {
  prompt: Record<string, { class_type?: string }>
  extra_data?: Record<string, unknown>
}

export async function receivedPrompts(): Promise<RecordedPrompt[]> {
  return (await (
    await fetch(new URL('__playground/prompts', inject('playgroundUrl')))
  ).json()) as RecordedPrompt[]
}

export async function clearReceivedPrompts(): Promise<void> {
  await fetch(new URL('__playground/prompts', inject('playgroundUrl')), { method: 'DELETE' })
}

/** The claims of an emulator ID token (unsigned JWT). */
export function tokenClaims(token: unknown): { aud?: string; exp?: number; sub?: string; email?: string } {
  if (typeof token !== 'string') return {}
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ReturnType<typeof tokenClaims>
}

/** Does our local Comfy API accept this ID token (the same check partner nodes' calls get)? */
export async function comfyApiAccepts(token: unknown): Promise<boolean> {
  const response = await fetch(new URL('/customers', inject('comfyApiUrl')), {
    method: 'POST',
    headers: { Authorization: `Bearer ${String(token)}` }
  })
  return response.ok
}

/** Clicks Run on the canvas and returns the credentials the one prompt carried. */
export async function runAndReadCredentials(page: Page): Promise<{ token: unknown; key: unknown }> {
  await closeSettings(page)
  await clearReceivedPrompts()
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect.poll(async () => (await receivedPrompts()).length, { timeout: 10_000 }).toBe(1)
  const extra = (await receivedPrompts())[0]?.extra_data ?? {}
  return { token: extra.auth_token_comfy_org, key: extra.api_key_comfy_org }
}
