/**
 * What reached ComfyUI's `POST /api/prompt` in the playground, and what our local Comfy API makes
 * of the token a prompt carried: how the browser tests check that partner nodes get credentials.
 */
import { inject } from 'vitest'

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
