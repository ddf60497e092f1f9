import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isAllowedOrigin, startComfyApiServer } from './server'
import type { ComfyApiServer, ComfyApiServerOptions } from './server'

const PROJECT = 'demo-comfy-account'
/** The playground's port in these tests: pages on it may call the server from a browser. */
const PAGE_PORT = 5173
const NOW = Date.UTC(2026, 0, 1, 12)
const NOW_S = NOW / 1000

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An ID token shaped like the Auth Emulator's: unsigned, empty signature segment. */
function emulatorToken(
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = { alg: 'none', typ: 'JWT' }
): string {
  const payload: Record<string, unknown> = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    auth_time: NOW_S - 60,
    user_id: 'uid-alice',
    sub: 'uid-alice',
    iat: NOW_S - 60,
    exp: NOW_S + 3600,
    email: 'alice@example.com',
    name: 'Alice',
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...overrides
  }
  for (const [claim, value] of Object.entries(payload)) if (value === undefined) delete payload[claim]
  return `${base64url(header)}.${base64url(payload)}.`
}

let server: ComfyApiServer
let extraServers: Array<{ close(): Promise<void> }> = []

async function start(options: Partial<ComfyApiServerOptions> = {}): Promise<ComfyApiServer> {
  const started = await startComfyApiServer({
    firebaseProjectId: PROJECT,
    clock: () => NOW,
    allowedOriginPorts: [PAGE_PORT],
    ...options
  })
  extraServers.push(started)
  return started
}

beforeEach(async () => {
  server = await start()
})

afterEach(async () => {
  await Promise.all(extraServers.map((s) => s.close()))
  extraServers = []
})

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(server.url + path, init)
}

function withKey(key: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { 'X-API-KEY': key, ...(init.headers as Record<string, string> | undefined) } }
}

function withToken(token: string, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) }
  }
}

/** A test-helper call: the server's secret, no Origin (as from Node). */
function control(path: string, body?: unknown, method = 'POST'): Promise<Response> {
  return call(`/__control/${path}`, {
    method,
    headers: {
      'X-Control-Secret': server.controlSecret,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
}

async function expectErrorResponse(response: Response, status: number, error: string): Promise<string> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/json')
  const body = (await response.json()) as unknown
  expect(body).toEqual({ error, message: expect.any(String) })
  return JSON.stringify(body)
}

describe('API keys', () => {
  it.for([
    { name: 'the demo key', key: (s: ComfyApiServer) => s.demoKey },
    { name: 'an issued key', key: (s: ComfyApiServer) => s.issueKey({ name: 'Bob' }) }
  ])('accepts $name', async ({ key }) => {
    const response = await call('/customers', withKey(key(server), { method: 'POST' }))
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ id: expect.stringMatching(/^cus_key_[0-9a-f]{8}$/) })
  })

  const hex64 = 'ab'.repeat(32)
  it.for([
    { name: 'a well-formed key this server never issued', key: `comfyui-${hex64}` },
    { name: 'the demo key in upper case', key: 'upper' },
    { name: 'a key one character short', key: `comfyui-${hex64.slice(1)}` },
    { name: 'a key one character long', key: `comfyui-${hex64}a` },
    { name: 'a key with another prefix', key: `comfyxx-${hex64}` },
    { name: 'a key without prefix', key: hex64 },
    { name: 'an empty key', key: '' }
  ])('answers 401 to $name', async ({ key }) => {
    const sent = key === 'upper' ? server.demoKey.toUpperCase() : key
    const body = await expectErrorResponse(
      await call('/customers', withKey(sent, { method: 'POST' })),
      401,
      'Unauthorized'
    )
    if (sent !== '') expect(body).not.toContain(sent)
  })

  it('gives the demo key the demo profile, the same on every start', async () => {
    const other = await start()
    expect(other.demoKey).toBe(server.demoKey)
    expect(server.demoKey).toMatch(/^comfyui-[0-9a-f]{64}$/)
    const response = await call('/customers', withKey(server.demoKey, { method: 'POST' }))
    expect(await response.json()).toMatchObject({ name: 'Demo User', email: 'demo@comfy.local' })
  })

  it('gives each key its own customer', async () => {
    const first = await call('/customers/me', withKey(server.issueKey(), { method: 'GET' }))
    expect(first.status).toBe(404)
    const a = server.issueKey({ email: 'a@example.com' })
    const b = server.issueKey({ email: 'b@example.com' })
    const recordA = (await (await call('/customers', withKey(a, { method: 'POST' }))).json()) as {
      id: string
    }
    const recordB = (await (await call('/customers', withKey(b, { method: 'POST' }))).json()) as {
      id: string
    }
    expect(recordA.id).not.toBe(recordB.id)
  })

  it('issues keys through the control endpoint', async () => {
    const response = await control('keys', { name: 'Carol', email: 'carol@example.com' })
    expect(response.status).toBe(201)
    const { key } = (await response.json()) as { key: string }
    expect(key).toMatch(/^comfyui-[0-9a-f]{64}$/)
    const record = await call('/customers', withKey(key, { method: 'POST' }))
    expect(await record.json()).toMatchObject({ name: 'Carol', email: 'carol@example.com' })
  })
})

describe('Firebase ID tokens', () => {
  it('accepts an emulator token of the project and names the customer after its uid', async () => {
    const response = await call('/customers', withToken(emulatorToken(), { method: 'POST' }))
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      id: 'uid-alice',
      email: 'alice@example.com',
      name: 'Alice',
      createdAt: new Date(NOW).toISOString(),
      has_fund: true
    })
  })

  it.for([
    {
      name: 'another project (iss and aud)',
      token: emulatorToken({ iss: 'https://securetoken.google.com/dreamboothy', aud: 'dreamboothy' })
    },
    { name: 'another audience', token: emulatorToken({ aud: 'someone-else' }) },
    { name: 'another issuer', token: emulatorToken({ iss: 'https://accounts.google.com' }) },
    { name: 'an expired token', token: emulatorToken({ exp: NOW_S - 1 }) },
    { name: 'a token expiring right now', token: emulatorToken({ exp: NOW_S }) },
    { name: 'a token without exp', token: emulatorToken({ exp: undefined }) },
    { name: 'a token without sub', token: emulatorToken({ sub: undefined }) },
    { name: 'a token with an empty sub', token: emulatorToken({ sub: '' }) },
    { name: 'a token with a numeric sub', token: emulatorToken({ sub: 42 }) },
    { name: 'a signed token', token: emulatorToken({}, { alg: 'RS256', kid: 'x', typ: 'JWT' }) },
    { name: 'something that is not a JWT', token: 'not-a-jwt' },
    { name: 'a JWT of garbage', token: 'e30.!!!.' },
    { name: 'a JWT whose payload is an array', token: `${base64url({ alg: 'none' })}.${base64url([1])}.` },
    { name: 'an empty Bearer', token: '' }
  ])('answers 401 to $name', async ({ token }) => {
    const body = await expectErrorResponse(await call('/customers/me', withToken(token)), 401, 'Unauthorized')
    if (token.length > 8) expect(body).not.toContain(token)
  })

  it('lets a Bearer token win over an API key', async () => {
    const response = await call(
      '/customers',
      withToken(emulatorToken(), withKey(server.demoKey, { method: 'POST' }))
    )
    expect(await response.json()).toMatchObject({ id: 'uid-alice' })
    expect(server.requests.at(-1)?.auth).toBe('bearer')
  })

  it('does not fall back to the API key when the Bearer token is bad', async () => {
    const response = await call(
      '/customers',
      withToken(emulatorToken({ exp: NOW_S - 10 }), withKey(server.demoKey, { method: 'POST' }))
    )
    await expectErrorResponse(response, 401, 'Unauthorized')
  })

  it('answers 401 with no credentials at all', async () => {
    await expectErrorResponse(await call('/customers/balance'), 401, 'Unauthorized')
  })
})

describe('confirmation with the Auth Emulator', () => {
  let lookups: string[]
  let emulator: Server
  /** The stub emulator knows these uids; everything else gets its 400. */
  const knownUsers = new Set(['uid-alice'])

  beforeEach(async () => {
    lookups = []
    emulator = createServer((req, res) => {
      let text = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => (text += chunk))
      req.on('end', () => {
        lookups.push(req.url ?? '')
        const { idToken } = JSON.parse(text) as { idToken: string }
        const sub = (
          JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }
        ).sub
        const known = knownUsers.has(sub)
        res.writeHead(known ? 200 : 400, { 'Content-Type': 'application/json' })
        res.end(
          JSON.stringify(
            known
              ? { kind: 'identitytoolkit#GetAccountInfoResponse', users: [{ localId: sub }] }
              : { error: { code: 400, message: 'USER_NOT_FOUND' } }
          )
        )
      })
    })
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', resolve))
    extraServers.push({ close: () => new Promise<void>((resolve) => emulator.close(() => resolve())) })
    server = await start({ authEmulatorHost: `127.0.0.1:${(emulator.address() as AddressInfo).port}` })
  })

  it('accepts a token the emulator knows, asking only once per token', async () => {
    const token = emulatorToken()
    expect((await call('/customers', withToken(token, { method: 'POST' }))).status).toBe(201)
    expect((await call('/customers/me', withToken(token))).status).toBe(200)
    expect(lookups).toEqual(['/identitytoolkit.googleapis.com/v1/accounts:lookup?key=fake-api-key'])
  })

  it('answers 401 to a well-formed token the emulator did not issue', async () => {
    const forged = emulatorToken({ sub: 'uid-mallory', user_id: 'uid-mallory' })
    await expectErrorResponse(await call('/customers/me', withToken(forged)), 401, 'Unauthorized')
  })

  it('answers 503, not 401, when the emulator is down', async () => {
    const lonely = await start({ authEmulatorHost: '127.0.0.1:9' })
    const response = await fetch(`${lonely.url}/customers/me`, withToken(emulatorToken()))
    await expectErrorResponse(response, 503, 'ServiceUnavailable')
  })
})

describe('customers and balance', () => {
  it('creates the customer once: 201, then 200 with the same record', async () => {
    const init = withKey(server.demoKey, { method: 'POST' })
    const first = await call('/customers', init)
    const second = await call('/customers', init)
    expect([first.status, second.status]).toEqual([201, 200])
    expect(await second.json()).toEqual(await first.json())
  })

  it('answers 404 for /customers/me until the customer exists', async () => {
    await expectErrorResponse(await call('/customers/me', withKey(server.demoKey)), 404, 'NotFound')
    await call('/customers', withKey(server.demoKey, { method: 'POST' }))
    const me = await call('/customers/me', withKey(server.demoKey))
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ name: 'Demo User', has_fund: true })
  })

  it('answers 404 for the balance until the customer exists, then 5 USD', async () => {
    await expectErrorResponse(await call('/customers/balance', withKey(server.demoKey)), 404, 'NotFound')
    await call('/customers', withKey(server.demoKey, { method: 'POST' }))
    const balance = await call('/customers/balance', withKey(server.demoKey))
    expect(balance.status).toBe(200)
    expect(await balance.json()).toEqual({
      amount_micros: 5_000_000,
      currency: 'usd',
      cloud_credit_balance_micros: 0,
      prepaid_balance_micros: 5_000_000
    })
  })

  it('uses a balance set before and after the customer exists', async () => {
    server.setBalance('uid-alice', 0)
    const created = await call('/customers', withToken(emulatorToken(), { method: 'POST' }))
    expect(await created.json()).toMatchObject({ has_fund: false })
    expect((await control('balance', { customerId: 'uid-alice', amountMicros: 1_250_000 })).status).toBe(200)
    const balance = await call('/customers/balance', withToken(emulatorToken()))
    expect(await balance.json()).toMatchObject({
      amount_micros: 1_250_000,
      prepaid_balance_micros: 1_250_000
    })
  })

  it('sets any balance by email once the customer exists: zero, negative, or an answer verbatim', async () => {
    expect((await control('balance', { email: 'alice@example.com', amountMicros: 0 })).status).toBe(404)
    await call('/customers', withToken(emulatorToken(), { method: 'POST' }))
    expect((await control('balance', { email: 'alice@example.com', amountMicros: -2_000_000 })).status).toBe(
      200
    )
    const negative = await call('/customers/balance', withToken(emulatorToken()))
    expect(await negative.json()).toMatchObject({ amount_micros: -2_000_000 })
    expect(
      (await control('balance', { email: 'alice@example.com', answer: { currency: 'usd' } })).status
    ).toBe(200)
    expect(await (await call('/customers/balance', withToken(emulatorToken()))).json()).toEqual({
      currency: 'usd'
    })
    server.setBalance('uid-alice', 3)
    expect(await (await call('/customers/balance', withToken(emulatorToken()))).json()).toMatchObject({
      amount_micros: 3
    })
  })

  it('refuses a revoked key from then on, and never revokes the demo key', async () => {
    const key = server.issueKey()
    expect((await call('/customers', withKey(key, { method: 'POST' }))).status).toBe(201)
    expect((await control('revoke', { key })).status).toBe(200)
    await expectErrorResponse(await call('/customers', withKey(key, { method: 'POST' })), 401, 'Unauthorized')
    expect((await control('revoke', { key: server.demoKey })).status).toBe(404)
  })

  it('charges a partner-node call, and answers 402 once the balance is zero or below', async () => {
    const partnerCall = () =>
      call('/proxy/openai/images/generations', withToken(emulatorToken(), { method: 'POST', body: '{}' }))
    server.setBalance('uid-alice', 100_000)
    expect((await partnerCall()).status).toBe(200)
    expect((await partnerCall()).status).toBe(200)
    await call('/customers', withToken(emulatorToken(), { method: 'POST' }))
    const balance = await call('/customers/balance', withToken(emulatorToken()))
    expect(await balance.json()).toMatchObject({ amount_micros: -60_000 })
    await expectErrorResponse(await partnerCall(), 402, 'PaymentRequired')
    expect(server.requests.filter((r) => r.path.startsWith('/proxy/')).map((r) => r.status)).toEqual([
      200, 200, 402
    ])
  })

  it.for([
    { name: 'an unknown path', method: 'GET', path: '/nope' },
    { name: 'a known path with another method', method: 'DELETE', path: '/customers' },
    { name: 'a trailing slash', method: 'GET', path: '/customers/me/' }
  ])('answers 404 to $name', async ({ method, path }) => {
    await expectErrorResponse(await call(path, withKey(server.demoKey, { method })), 404, 'NotFound')
  })

  it('answers 400 to a body that is not JSON', async () => {
    const response = await call('/customers', withKey(server.demoKey, { method: 'POST', body: '{"oops"' }))
    await expectErrorResponse(response, 400, 'BadRequest')
  })
})

describe('faults', () => {
  const demo = (): RequestInit => withKey(server.demoKey)

  beforeEach(async () => {
    await call('/customers', withKey(server.demoKey, { method: 'POST' }))
  })

  it('fails the next request with 503 once, then answers normally', async () => {
    expect((await control('fault', { status: 503, times: 1 })).status).toBe(200)
    await expectErrorResponse(await call('/customers/balance', demo()), 503, 'ServiceUnavailable')
    expect((await call('/customers/balance', demo())).status).toBe(200)
  })

  it('keeps failing until cleared when times is left out', async () => {
    server.setFault({ status: 500 })
    expect((await call('/customers/me', demo())).status).toBe(500)
    expect((await call('/customers/me', demo())).status).toBe(500)
    expect((await control('fault', undefined, 'DELETE')).status).toBe(200)
    expect((await call('/customers/me', demo())).status).toBe(200)
  })

  it('only hits paths under its prefix', async () => {
    server.setFault({ status: 502, path: '/customers/balance' })
    expect((await call('/customers/me', demo())).status).toBe(200)
    expect((await call('/customers/balance', demo())).status).toBe(502)
  })

  it('answers 200 with a body that is not JSON', async () => {
    server.setFault({ malformed: true, times: 1 })
    const response = await call('/customers/balance', demo())
    expect(response.status).toBe(200)
    await expect(response.json()).rejects.toThrow(SyntaxError)
  })

  it('hangs for less than the client timeout, then answers normally', async () => {
    server.setFault({ hangMs: 150, times: 1 })
    const started = performance.now()
    const response = await call('/customers/balance', { ...demo(), signal: AbortSignal.timeout(5000) })
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(await response.json()).toMatchObject({ amount_micros: 5_000_000 })
  })

  it('drops a hanging request the client gave up on, and keeps serving', async () => {
    server.setFault({ hangMs: 60_000, times: 1 })
    const client = new AbortController()
    const pending = call('/customers/balance', { ...demo(), signal: client.signal })
    await vi.waitFor(() => expect(server.requests.at(-1)?.path).toBe('/customers/balance'))
    client.abort()
    await expect(pending).rejects.toThrow()
    expect((await call('/customers/me', demo())).status).toBe(200)
    expect(server.requests.find((r) => r.path === '/customers/balance')?.status).toBe(0)
  })

  it('ends hanging connections on close()', async () => {
    server.setFault({ hangMs: 60_000 })
    const pending = call('/customers/me', demo()).then(
      () => 'answered',
      () => 'dropped'
    )
    await vi.waitFor(() => expect(server.requests.at(-1)?.path).toBe('/customers/me'))
    const started = performance.now()
    await server.close()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await pending).toBe('dropped')
  })

  it.for([
    { name: 'no effect at all', fault: { times: 1 } },
    { name: 'a status that is not an error', fault: { status: 200 } },
    { name: 'a negative hang', fault: { hangMs: -1 } },
    { name: 'zero times', fault: { status: 500, times: 0 } },
    { name: 'a path without a leading slash', fault: { status: 500, path: 'customers' } }
  ])('refuses a fault with $name', async ({ fault }) => {
    expect(() => server.setFault(fault)).toThrow(TypeError)
    await expectErrorResponse(await control('fault', fault), 400, 'BadRequest')
  })

  it('answers 400 to a control body that is not JSON', async () => {
    const response = await call('/__control/fault', {
      method: 'POST',
      headers: { 'X-Control-Secret': server.controlSecret },
      body: 'status=503'
    })
    await expectErrorResponse(response, 400, 'BadRequest')
  })
})

/** What a browser sends before a cross-origin request with our headers. */
function preflight(path: string, origin: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', ...headers }
  })
}

describe('CORS', () => {
  const origin = 'http://localhost:5173'

  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const response = await preflight('/customers/balance', origin, {
      'Access-Control-Request-Headers': 'x-api-key'
    })
    expect(response.status).toBe(204)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': 'Authorization, X-API-KEY, Content-Type',
      'access-control-max-age': '600'
    })
  })

  it('is not swayed by a fault (the browser would see a network error)', async () => {
    server.setFault({ status: 503, times: 1 })
    expect((await call('/customers', { method: 'OPTIONS', headers: { Origin: origin } })).status).toBe(204)
    expect((await call('/customers/me', withKey(server.demoKey))).status).toBe(503)
  })

  it.for<{ name: string; headers: Record<string, string>; expected: string | null }>([
    { name: "echoes the playground's origin", headers: { Origin: origin }, expected: origin },
    { name: 'sends no CORS header without an origin', headers: {}, expected: null }
  ])('$name on errors too', async ({ headers, expected }) => {
    const response = await call('/customers/me', { headers })
    expect(response.status).toBe(401)
    expect(response.headers.get('access-control-allow-origin')).toBe(expected)
  })

  it.for([
    'http://evil.example',
    'http://evil.example:5173',
    'http://localhost:3000',
    'http://127.0.0.1.evil.example:5173',
    'null'
  ])('refuses a page at %s: 403, no CORS headers, nothing run', async (evil) => {
    for (const request of [
      () => call('/customers', withKey(server.demoKey, { method: 'POST', headers: { Origin: evil } })),
      () => preflight('/customers', evil, { 'Access-Control-Request-Private-Network': 'true' })
    ]) {
      const response = await request()
      await expectErrorResponse(response, 403, 'Forbidden')
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      expect(response.headers.get('access-control-allow-private-network')).toBeNull()
    }
    // The POST did not create the demo customer.
    expect((await call('/customers/me', withKey(server.demoKey))).status).toBe(404)
  })

  it('never grants Private Network Access, not even to the playground', async () => {
    const response = await preflight('/customers/balance', origin, {
      'Access-Control-Request-Private-Network': 'true'
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-private-network')).toBeNull()
  })

  it.for<[string, boolean]>([
    ['http://localhost:5173', true],
    ['http://127.0.0.1:5173', true],
    ['http://127.8.9.10:5173', true],
    ['http://[::1]:5173', true],
    ['http://app.localhost:5173', true],
    ['http://comfy.test:5173', true],
    ['https://localhost:5173', true],
    ['http://localhost:5174', false],
    ['http://localhost', false],
    ['http://192.168.1.20:5173', false],
    ['http://example.com:5173', false],
    ['http://localhost.example.com:5173', false],
    ['http://127.0.0.1.nip.io:5173', false],
    ['http://test:5173', false],
    ['ws://localhost:5173', false],
    ['file://', false],
    ['null', false],
    ['http://localhost:5173/', false],
    ['', false]
  ])('isAllowedOrigin(%s) is %s for port 5173', ([origin, allowed]) => {
    expect(isAllowedOrigin(origin, [5173])).toBe(allowed)
  })

  it('allows no page at all unless told its port', async () => {
    const closed = await start({ allowedOriginPorts: undefined })
    const response = await fetch(`${closed.url}/customers/me`, { headers: { Origin: origin } })
    expect(response.status).toBe(403)
  })
})

describe('the control back door', () => {
  const origin = 'http://localhost:5173'

  it.for<{ name: string; headers: () => Record<string, string> }>([
    { name: 'without the secret', headers: () => ({}) },
    { name: 'with a wrong secret', headers: () => ({ 'X-Control-Secret': 'f'.repeat(64) }) },
    {
      name: 'with a secret one character short',
      headers: () => ({ 'X-Control-Secret': server.controlSecret.slice(1) })
    },
    {
      name: "from the playground's page, even with the secret",
      headers: () => ({ 'X-Control-Secret': server.controlSecret, Origin: origin })
    },
    { name: 'from another page', headers: () => ({ Origin: 'http://evil.example' }) }
  ])('refuses a caller $name, and changes nothing', async ({ headers }) => {
    for (const [method, path] of [
      ['GET', 'requests'],
      ['POST', 'keys'],
      ['POST', 'fault'],
      ['DELETE', 'fault'],
      ['POST', 'reset'],
      ['OPTIONS', 'keys']
    ] as const) {
      const response = await call(`/__control/${path}`, {
        method,
        headers: headers(),
        ...(method === 'POST' ? { body: '{"status":503}' } : {})
      })
      await expectErrorResponse(response, 403, 'Forbidden')
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    }
    expect((await call('/customers', withKey(server.demoKey, { method: 'POST' }))).status).toBe(201)
  })

  it('makes a new secret on every start, and takes one it is given', async () => {
    const other = await start()
    expect(other.controlSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(other.controlSecret).not.toBe(server.controlSecret)
    const given = await start({ controlSecret: 'a-secret-for-this-run' })
    expect(given.controlSecret).toBe('a-secret-for-this-run')
    await expect(start({ controlSecret: 'short' })).rejects.toThrow(TypeError)
  })
})

describe('request log and reset', () => {
  it('records the kind of credential, never the credential', async () => {
    const token = emulatorToken()
    await call('/customers/me', withKey(server.demoKey, { headers: { Origin: 'http://localhost:5173' } }))
    await call('/customers/me', withToken(token))
    await call('/customers/me')
    await control('requests', undefined, 'GET') // control traffic is not logged
    const response = await control('requests', undefined, 'GET')
    const log = (await response.json()) as unknown
    expect(log).toEqual([
      {
        method: 'GET',
        path: '/customers/me',
        origin: 'http://localhost:5173',
        auth: 'apiKey',
        status: 404,
        at: NOW
      },
      { method: 'GET', path: '/customers/me', origin: null, auth: 'bearer', status: 404, at: NOW },
      { method: 'GET', path: '/customers/me', origin: null, auth: 'none', status: 401, at: NOW }
    ])
    expect(JSON.stringify(log)).not.toContain(server.demoKey)
    expect(JSON.stringify(log)).not.toContain(token)
  })

  it('forgets customers, issued keys, faults and the log on reset, but keeps the demo key', async () => {
    const issued = server.issueKey()
    await call('/customers', withKey(server.demoKey, { method: 'POST' }))
    server.setFault({ status: 500, path: '/customers/balance' })
    expect((await control('reset')).status).toBe(200)
    expect(server.requests).toEqual([])
    expect((await call('/customers/me', withKey(issued))).status).toBe(401)
    expect((await call('/customers/me', withKey(server.demoKey))).status).toBe(404)
    expect((await call('/customers/balance', withKey(server.demoKey))).status).toBe(404)
  })
})

describe('robustness', () => {
  it('survives garbage on the wire', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => (text += chunk))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    expect((await call('/customers/me', withKey(server.demoKey))).status).toBe(404)
  })

  it('answers 413 to an oversized body', async () => {
    const response = await call(
      '/customers',
      withKey(server.demoKey, { method: 'POST', body: `"${'x'.repeat(70_000)}"` })
    )
    await expectErrorResponse(response, 413, 'PayloadTooLarge')
  })
})
