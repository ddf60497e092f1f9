/**
 * Comfy API keys for the local server.
 *
 * Real keys are `comfyui-` + 64 characters (72 in all) and are minted at
 * https://platform.comfy.org/login. Here they are `comfyui-` + 64 lowercase hex, and only keys
 * this server issued are accepted, so a test can tell "well-formed but unknown" from "valid".
 */
import { createHash, randomBytes } from 'node:crypto'

export const API_KEY_PREFIX = 'comfyui-'
export const API_KEY_LENGTH = 72

/** Fixed so the demo key is the same after every restart (and in every README screenshot). */
const DEMO_KEY_SEED = 'comfyui-account-demo-key'

export interface KeyProfile {
  name?: string
  email?: string
}

export interface KeyIdentity {
  customerId: string
  name?: string
  email?: string
}

export type KeyRejection = 'badFormat' | 'unknown'

export type KeyCheck = { ok: true; identity: KeyIdentity } | { ok: false; reason: KeyRejection }

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The format rule the real API (and the extension) applies before any lookup. */
export function isWellFormedApiKey(raw: string): boolean {
  const key = raw.trim()
  return key.startsWith(API_KEY_PREFIX) && key.length === API_KEY_LENGTH
}

export interface KeyRegistry {
  readonly demoKey: string
  issue(profile?: KeyProfile): string
  check(raw: string): KeyCheck
  /** Forgets every issued key except the demo key. */
  reset(): void
  /** Forgets one issued key (as if deleted on the platform); `false` for the demo key or an unknown one. */
  revoke(key: string): boolean
}

export function createKeyRegistry(): KeyRegistry {
  const demoKey = API_KEY_PREFIX + sha256Hex(DEMO_KEY_SEED)
  const demoIdentity = identityFor(demoKey, { name: 'Demo User', email: 'demo@comfy.local' })
  const issued = new Map<string, KeyIdentity>([[demoKey, demoIdentity]])

  // The customer id comes from a hash of the key, never from the key's own characters, so ids
  // can be shown and logged without leaking any part of the credential.
  function identityFor(key: string, profile: KeyProfile): KeyIdentity {
    return {
      customerId: `cus_key_${sha256Hex(key).slice(0, 8)}`,
      ...(profile.name !== undefined ? { name: profile.name } : {}),
      ...(profile.email !== undefined ? { email: profile.email } : {})
    }
  }

  return {
    demoKey,
    issue(profile = {}) {
      const key = API_KEY_PREFIX + randomBytes(32).toString('hex')
      issued.set(key, identityFor(key, profile))
      return key
    },
    check(raw) {
      if (!isWellFormedApiKey(raw)) return { ok: false, reason: 'badFormat' }
      const identity = issued.get(raw.trim())
      return identity ? { ok: true, identity } : { ok: false, reason: 'unknown' }
    },
    reset() {
      issued.clear()
      issued.set(demoKey, demoIdentity)
    },
    revoke(key) {
      return key !== demoKey && issued.delete(key)
    }
  }
}
