/** Comfy API keys: after trimming, `comfyui-` followed by 64 characters (docs/host-contract.md, "The Comfy API"). */
export const API_KEY_PREFIX = 'comfyui-'
export const API_KEY_LENGTH = 72

export type ApiKeyProblem = 'empty' | 'prefix' | 'length' | 'characters'

export type ApiKeyCheck = { ok: true; key: string } | { ok: false; problems: ApiKeyProblem[] }

/** Every rule the key breaks, so the form can say exactly what to fix. */
export function checkApiKeyFormat(raw: string): ApiKeyCheck {
  const key = raw.trim()
  if (key === '') return { ok: false, problems: ['empty'] }
  const problems: ApiKeyProblem[] = []
  if (!key.startsWith(API_KEY_PREFIX)) problems.push('prefix')
  if (key.length !== API_KEY_LENGTH) problems.push('length')
  if (!/^[\x21-\x7e]+$/u.test(key)) problems.push('characters')
  return problems.length === 0 ? { ok: true, key } : { ok: false, problems }
}

/** `comfyui-…a1b2`: enough to recognise a key, never enough to use it. */
export function maskApiKey(key: string): string {
  return `${API_KEY_PREFIX}…${key.slice(-4)}`
}
