/**
 * Firebase ID tokens as the Auth Emulator issues them.
 *
 * The emulator signs nothing: its tokens are JWTs with `{"alg":"none"}` and an empty signature
 * (https://firebase.google.com/docs/emulator-suite/connect_auth#id_tokens). So the claims alone
 * prove nothing; they are only a cheap first filter, and when the emulator is reachable we ask it
 * whether it really issued the token.
 */

export interface IdTokenClaims {
  /** Firebase uid: the Comfy API keys its customer record by it. */
  sub: string
  /** Seconds since the epoch, as in every JWT. */
  exp: number
  email?: string
  name?: string
}

export type TokenRejection = 'malformed' | 'signed' | 'wrongProject' | 'expired' | 'missingSubject'

export type TokenCheck = { ok: true; claims: IdTokenClaims } | { ok: false; reason: TokenRejection }

const BASE64URL = /^[A-Za-z0-9_-]+$/

function decodeSegment(segment: string): unknown {
  if (!BASE64URL.test(segment)) return undefined
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks an emulator ID token the way the real backend checks a signed one, minus the signature:
 * issuer and audience name the project, it has not expired, it names a user.
 */
export function checkEmulatorIdToken(
  token: string,
  { projectId, now }: { projectId: string; now: number }
): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [headerSegment = '', payloadSegment = ''] = parts
  const header = decodeSegment(headerSegment)
  const payload = decodeSegment(payloadSegment)
  if (!isRecord(header) || !isRecord(payload)) return { ok: false, reason: 'malformed' }
  // A signed token comes from a real Firebase project; this server cannot verify it and the
  // real API would not accept a demo project's token either.
  if (header['alg'] !== 'none') return { ok: false, reason: 'signed' }

  const { iss, aud, exp, sub, email, name } = payload
  if (iss !== `https://securetoken.google.com/${projectId}` || aud !== projectId) {
    return { ok: false, reason: 'wrongProject' }
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp * 1000 <= now) {
    return { ok: false, reason: 'expired' }
  }
  if (typeof sub !== 'string' || sub.length === 0) return { ok: false, reason: 'missingSubject' }

  return {
    ok: true,
    claims: {
      sub,
      exp,
      ...(typeof email === 'string' ? { email } : {}),
      ...(typeof name === 'string' ? { name } : {})
    }
  }
}

export type EmulatorAnswer = 'confirmed' | 'rejected' | 'unreachable'

export interface EmulatorConfirmer {
  confirm(token: string, claims: IdTokenClaims): Promise<EmulatorAnswer>
  clear(): void
}

export interface EmulatorConfirmerOptions {
  /** `host:port` of the Auth Emulator, e.g. `127.0.0.1:9099`. */
  host: string
  clock: () => number
  /** @default 5000 */
  timeoutMs?: number
}

/** Entries beyond this are pruned, expired ones first; a dev server never needs more. */
const CACHE_LIMIT = 1000

/**
 * Asks the emulator whether it issued a token. Unsigned tokens are trivial to forge, so without
 * this a hand-made JWT would pass; with it, only users that exist in the emulator get through.
 * Positive answers are cached until the token expires, as the emulator would give the same one.
 */
export function createEmulatorConfirmer(options: EmulatorConfirmerOptions): EmulatorConfirmer {
  const { host, clock, timeoutMs = 5000 } = options
  const lookupUrl = `http://${host}/identitytoolkit.googleapis.com/v1/accounts:lookup?key=fake-api-key`
  const confirmedUntil = new Map<string, number>()

  function remember(token: string, expMs: number): void {
    if (confirmedUntil.size >= CACHE_LIMIT) {
      const now = clock()
      for (const [cached, until] of confirmedUntil) if (until <= now) confirmedUntil.delete(cached)
      // Still full: drop the oldest insertion (Map keeps insertion order).
      const oldest = confirmedUntil.keys().next()
      if (confirmedUntil.size >= CACHE_LIMIT && oldest.done !== true) confirmedUntil.delete(oldest.value)
    }
    confirmedUntil.set(token, expMs)
  }

  async function confirm(token: string, claims: IdTokenClaims): Promise<EmulatorAnswer> {
    const cached = confirmedUntil.get(token)
    if (cached !== undefined) {
      if (cached > clock()) return 'confirmed'
      confirmedUntil.delete(token)
    }

    let response: Response
    try {
      response = await fetch(lookupUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idToken: token }),
        signal: AbortSignal.timeout(timeoutMs)
      })
    } catch {
      return 'unreachable'
    }
    // The emulator answers 400 (INVALID_ID_TOKEN, USER_NOT_FOUND) for tokens it did not issue;
    // anything else from it is its own trouble, not a verdict on the token.
    if (!response.ok) {
      await response.body?.cancel()
      return response.status >= 500 ? 'unreachable' : 'rejected'
    }
    let body: unknown
    try {
      body = await response.json()
    } catch {
      return 'unreachable'
    }
    const user = isRecord(body) && Array.isArray(body['users']) ? (body['users'] as unknown[])[0] : undefined
    if (!isRecord(user) || user['localId'] !== claims.sub || user['disabled'] === true) return 'rejected'

    remember(token, claims.exp * 1000)
    return 'confirmed'
  }

  return {
    confirm,
    clear: () => confirmedUntil.clear()
  }
}
