/** User flows several browser tests share. */
import type { Page } from 'playwright-core'
import { expect, inject } from 'vitest'

import { emulatorAdmin } from '../../dev/services/emulatorAdmin'
import { openAccountSection, type PlaygroundOptions } from './browser'

export const admin = () => emulatorAdmin(inject('authEmulatorUrl'), inject('firebaseProjectId'))

export async function newEmailAccount(prefix = 'user') {
  const email = `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`
  const password = 'Correct-Horse-42!'
  await admin().createUser(email, password)
  return { email, password }
}

export async function signInWithEmail(
  page: Page,
  email: string,
  password: string,
  options: PlaygroundOptions = {}
) {
  const section = await openAccountSection(page, options)
  await section.getByLabel('Email').fill(email)
  await section.getByLabel('Password', { exact: true }).fill(password)
  await section.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect
    .poll(() => section.getByTestId('comfy-account-status').textContent(), { timeout: 15_000 })
    .toContain(email)
  return section
}

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
