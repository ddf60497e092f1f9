/**
 * A local stand-in for the Comfy API (https://api.comfy.org) for the demo and the tests.
 *
 * It speaks the part of the real contract the extension uses (docs/host-contract.md, "The Comfy API"):
 * `POST /customers`, `GET /customers/me`, `GET /customers/balance`, with `Authorization: Bearer
 * <Firebase ID token>` winning over `X-API-KEY`, and `{ error, message }` error bodies. ID tokens
 * come from the Firebase Auth Emulator; API keys are issued by this server. One partner-node route,
 * `POST /proxy/openai/images/generations` (what the DALL·E 3 node calls), charges the balance and
 * answers 402 once it is zero or below, so the playground's runs end as real ones do.
 *
 * Browsers: any page open in the developer's browser can send requests here, so the server
 * answers browser requests (those with an `Origin`) only from the pages it is told about, the
 * playground (`allowedOriginPorts`), and never grants Private Network Access to others.
 *
 * `/__control/*` is a TEST-ONLY back door (fault injection, key issuing, balances, reset, request
 * log); it does not exist on the real API. It answers only loopback callers that send the secret
 * this server made at start (`controlSecret`, header `X-Control-Secret`, handed to the test
 * helpers) and no `Origin`: no web page can reach it, not even through DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, STATUS_CODES } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createFaultInjector, parseFault } from './faults'
import type { Fault } from './faults'
import { createKeyRegistry } from './keys'
import type { KeyProfile } from './keys'
import { checkEmulatorIdToken, createEmulatorConfirmer } from './tokens'
import type { TokenRejection } from './tokens'

export type { Fault } from './faults'
export type { KeyProfile } from './keys'

export interface ComfyApiServerOptions {
  /** @default 0 (a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Only ID tokens of this Firebase project are accepted, as the real API accepts only its own. */
  firebaseProjectId: string
  /**
   * `host:port` of the Firebase Auth Emulator, e.g. `127.0.0.1:9099`. When set, Bearer tokens are
   * also confirmed with the emulator (emulator tokens are unsigned, so anyone can make one).
   * @default undefined (claims are checked, nothing else)
   */
  authEmulatorHost?: string
  /** Milliseconds since the epoch; token expiry, `createdAt` and the request log use it. @default Date.now */
  clock?: () => number
  /** Receives one line per request (never a credential). @default no logging */
  log?: (line: string) => void
  /**
   * Ports of the pages that may call the public routes from a browser: the playground's. A page
   * is allowed when its origin is on one of these ports and on a loopback name (`localhost`,
   * `*.localhost`, 127.0.0.0/8, `[::1]`) or a reserved `*.test` name (RFC 6761: only a local
   * resolver rule, like the browser tests' `comfy.test`, can point one anywhere). The port list
   * is what keeps out other local pages; the names, that the playground is opened under several.
   * @default [] (no browser page at all)
   */
  allowedOriginPorts?: readonly number[]
  /**
   * What `/__control/*` callers must send in `X-Control-Secret`.
   * @default 32 random bytes, hex (read it from `ComfyApiServer.controlSecret`)
   */
  controlSecret?: string
}

/** The header `/__control/*` callers put the server's `controlSecret` in. */
export const CONTROL_SECRET_HEADER = 'x-control-secret'

export type CredentialKind = 'bearer' | 'apiKey' | 'none'

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  origin: string | null
  /** Which kind of credential came; the credential itself is never recorded. */
  auth: CredentialKind
  /** The answer's status; 0 while it is still pending, or when the client left before it. */
  status: number
  /** `clock()` when the request arrived. */
  at: number
}

export interface ComfyApiServer {
  /** e.g. `http://127.0.0.1:18188`, no trailing slash. */
  url: string
  port: number
  /** The same after every restart; belongs to "Demo User" <demo@comfy.local>. */
  demoKey: string
  /** What `/__control/*` callers send in the `X-Control-Secret` header; new on every start. */
  controlSecret: string
  issueKey(profile?: KeyProfile): string
  /** Throws a TypeError for a fault that makes no sense (see `parseFault`). */
  setFault(fault: Fault | null): void
  /** Works before the customer exists: the balance is used once it does. */
  setBalance(customerId: string, amountMicros: number): void
  /**
   * What `GET /customers/balance` answers for this customer, verbatim, instead of the balance
   * (an unusual answer: no amount, text, a number beyond belief). `setBalance` ends it.
   */
  setBalanceAnswer(customerId: string, answer: unknown): void
  /** Live log of every non-control request, oldest first. */
  requests: RecordedRequest[]
  /** Forgets customers, balances, issued keys (not the demo key), the fault and the request log. */
  reset(): void
  /** Stops listening and ends every open connection, hanging ones included. */
  close(): Promise<void>
}

/** 5 USD: enough for a demo to show a non-zero balance. */
const STARTING_BALANCE_MICROS = 5_000_000
/** What one partner-node call costs here: 0.08 USD, a DALL·E 3 HD image. */
export const PARTNER_CALL_PRICE_MICROS = 80_000
const MAX_BODY_BYTES = 64 * 1024

interface Identity {
  customerId: string
  email?: string
  name?: string
}

interface StoredCustomer {
  id: string
  email?: string
  name?: string
  createdAt: string
}

type Presented = { kind: 'bearer'; token: string } | { kind: 'apiKey'; key: string } | { kind: 'none' }

type Authentication = { ok: true; identity: Identity } | { ok: false; status: 401 | 503; message: string }

type BodyRead = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }

const tokenMessages = {
  malformed: 'The Bearer token is not a JWT.',
  signed: 'This local server only accepts unsigned ID tokens from the Firebase Auth Emulator.',
  wrongProject: 'The ID token was issued for another Firebase project.',
  expired: 'The ID token has expired; get a fresh one (getIdToken(true)).',
  missingSubject: 'The ID token names no user (empty "sub").'
} as const satisfies Record<TokenRejection, string>

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Same priority as the real API: a Bearer token, when present, decides alone. */
function presentedCredential(req: IncomingMessage): Presented {
  const authorization = headerValue(req, 'authorization')
  const bearer = authorization === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim())
  if (bearer) return { kind: 'bearer', token: (bearer[1] ?? '').trim() }
  const key = headerValue(req, 'x-api-key')
  if (key !== undefined && key.trim() !== '') return { kind: 'apiKey', key }
  return { kind: 'none' }
}

/** `null` when the request target is not something this server routes (e.g. `*`). */
function requestPath(target: string | undefined): string | null {
  if (target === undefined) return null
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0] ?? '/'
  // Absolute-form targets are legal HTTP/1.1 (proxies send them).
  try {
    return new URL(target).pathname
  } catch {
    return null
  }
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'))
  )
}

function errorName(status: number): string {
  return (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '')
}

/** Loopback, or a reserved name that only a local resolver rule can point somewhere. */
function isLocalName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname.endsWith('.test') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  )
}

/** Is this `Origin` header one of the pages we serve (see `allowedOriginPorts`)? */
export function isAllowedOrigin(origin: string, ports: readonly number[]): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return false
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  return ports.includes(port) && isLocalName(url.hostname)
}

/** CORS for an allowed page; nothing at all for other callers (and no Private Network Access). */
function applyCors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, X-API-KEY, Content-Type')
  res.setHeader('Access-Control-Max-Age', '600')
}

/** Constant-time, so the answer time says nothing about how much of a guess was right. */
function sameSecret(sent: string | undefined, secret: string): boolean {
  if (sent === undefined) return false
  const a = Buffer.from(sent)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body))
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: errorName(status), message })
}

async function readJsonBody(req: IncomingMessage): Promise<BodyRead> {
  const chunks: Buffer[] = []
  let size = 0
  // Drain an oversized body instead of destroying the request, so the 413 still reaches the client.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  }
  if (size > MAX_BODY_BYTES)
    return { ok: false, status: 413, message: `The body is larger than ${MAX_BODY_BYTES} bytes.` }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON.' }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function formatUrl(host: string, port: number): string {
  // A wildcard bind is reachable on loopback, and a browser cannot open http://0.0.0.0 reliably.
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
}

export async function startComfyApiServer(options: ComfyApiServerOptions): Promise<ComfyApiServer> {
  const {
    port = 0,
    host = '127.0.0.1',
    firebaseProjectId,
    authEmulatorHost,
    clock = Date.now,
    log,
    allowedOriginPorts = [],
    controlSecret = randomBytes(32).toString('hex')
  } = options
  if (firebaseProjectId.trim() === '') {
    throw new TypeError('startComfyApiServer: firebaseProjectId is empty; did you forget --project demo-...?')
  }
  if (controlSecret.length < 16) {
    throw new TypeError(
      'startComfyApiServer: controlSecret is shorter than 16 characters; leave it out for a random one.'
    )
  }

  const keys = createKeyRegistry()
  const faults = createFaultInjector()
  const confirmer =
    authEmulatorHost === undefined ? null : createEmulatorConfirmer({ host: authEmulatorHost, clock })
  const customers = new Map<string, StoredCustomer>()
  const balances = new Map<string, number>()
  const balanceAnswers = new Map<string, unknown>()
  const requests: RecordedRequest[] = []
  // Aborted by close(): every hanging request lets go at once.
  const lifetime = new AbortController()

  function setFault(fault: Fault | null): void {
    if (fault === null) return faults.set(null)
    const parsed = parseFault(fault)
    if (!parsed.ok) throw new TypeError(`setFault: ${parsed.message}`)
    faults.set(parsed.fault)
  }

  function setBalance(customerId: string, amountMicros: number): void {
    if (typeof customerId !== 'string' || customerId === '')
      throw new TypeError('setBalance: customerId is empty.')
    if (!Number.isSafeInteger(amountMicros)) {
      throw new TypeError('setBalance: amountMicros must be an integer number of micros (1 USD = 1_000_000).')
    }
    balances.set(customerId, amountMicros)
    balanceAnswers.delete(customerId)
  }

  function setBalanceAnswer(customerId: string, answer: unknown): void {
    if (typeof customerId !== 'string' || customerId === '')
      throw new TypeError('setBalanceAnswer: customerId is empty.')
    balanceAnswers.set(customerId, answer)
  }

  function reset(): void {
    customers.clear()
    balances.clear()
    balanceAnswers.clear()
    keys.reset()
    faults.set(null)
    confirmer?.clear()
    requests.length = 0
  }

  function balanceOf(customerId: string): number {
    return balances.get(customerId) ?? STARTING_BALANCE_MICROS
  }

  function customerRecord(customer: StoredCustomer): StoredCustomer & { has_fund: boolean } {
    return { ...customer, has_fund: balanceOf(customer.id) > 0 }
  }

  async function authenticate(presented: Presented): Promise<Authentication> {
    switch (presented.kind) {
      case 'none':
        return {
          ok: false,
          status: 401,
          message:
            'No credentials: send Authorization: Bearer <Firebase ID token> or X-API-KEY: <comfyui-... key>.'
        }
      case 'apiKey': {
        const check = keys.check(presented.key)
        if (!check.ok) {
          return {
            ok: false,
            status: 401,
            message:
              check.reason === 'badFormat'
                ? 'The API key is malformed: it must start with "comfyui-" and be 72 characters long.'
                : 'The API key is not valid.'
          }
        }
        return { ok: true, identity: check.identity }
      }
      case 'bearer': {
        const check = checkEmulatorIdToken(presented.token, { projectId: firebaseProjectId, now: clock() })
        if (!check.ok) return { ok: false, status: 401, message: tokenMessages[check.reason] }
        if (confirmer) {
          const answer = await confirmer.confirm(presented.token, check.claims)
          if (answer === 'unreachable') {
            // Not a verdict on the token; the client must not treat it as "signed out".
            return {
              ok: false,
              status: 503,
              message: `The Firebase Auth Emulator at ${authEmulatorHost ?? ''} did not answer; is it running?`
            }
          }
          if (answer === 'rejected') {
            return {
              ok: false,
              status: 401,
              message: 'The Auth Emulator does not know this ID token or its user.'
            }
          }
        }
        const { sub, email, name } = check.claims
        return {
          ok: true,
          identity: {
            customerId: sub,
            ...(email !== undefined ? { email } : {}),
            ...(name !== undefined ? { name } : {})
          }
        }
      }
    }
  }

  /** Resolves true after `ms`, or false as soon as the client leaves or the server closes. */
  function hold(res: ServerResponse, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (res.destroyed || lifetime.signal.aborted) return resolve(false)
      const finish = (open: boolean): void => {
        clearTimeout(timer)
        res.off('close', onClose)
        lifetime.signal.removeEventListener('abort', onClose)
        resolve(open && !res.destroyed)
      }
      const onClose = (): void => finish(false)
      const timer = setTimeout(finish, ms, true)
      res.once('close', onClose)
      lifetime.signal.addEventListener('abort', onClose, { once: true })
    })
  }

  type Route = (res: ServerResponse, identity: Identity) => void

  const routes = new Map<string, Route>([
    [
      'POST /customers',
      (res, identity) => {
        const existing = customers.get(identity.customerId)
        if (existing) return sendJson(res, 200, customerRecord(existing))
        const created: StoredCustomer = {
          id: identity.customerId,
          ...(identity.email !== undefined ? { email: identity.email } : {}),
          ...(identity.name !== undefined ? { name: identity.name } : {}),
          createdAt: new Date(clock()).toISOString()
        }
        customers.set(created.id, created)
        sendJson(res, 201, customerRecord(created))
      }
    ],
    [
      'GET /customers/me',
      (res, identity) => {
        const customer = customers.get(identity.customerId)
        if (!customer) return sendError(res, 404, 'No customer yet; POST /customers creates it.')
        sendJson(res, 200, customerRecord(customer))
      }
    ],
    [
      'GET /customers/balance',
      (res, identity) => {
        if (!customers.has(identity.customerId))
          return sendError(res, 404, 'No customer yet; POST /customers creates it.')
        if (balanceAnswers.has(identity.customerId))
          return sendJson(res, 200, balanceAnswers.get(identity.customerId))
        const amount = balanceOf(identity.customerId)
        sendJson(res, 200, {
          amount_micros: amount,
          currency: 'usd',
          cloud_credit_balance_micros: 0,
          prepaid_balance_micros: amount
        })
      }
    ],
    [
      // A partner node's call: the customer pays for it, or gets the 402 ComfyUI's partner nodes
      // turn into "Payment Required: ..." (docs/host-contract.md, "Partner-node credentials").
      'POST /proxy/openai/images/generations',
      (res, identity) => {
        const amount = balanceOf(identity.customerId)
        if (amount <= 0) {
          return sendError(res, 402, 'Insufficient credits: add credits to your account to use this node.')
        }
        balances.set(identity.customerId, amount - PARTNER_CALL_PRICE_MICROS)
        sendJson(res, 200, {
          created: Math.floor(clock() / 1000),
          data: [{ url: 'https://example.invalid/partner-node-image.png', revised_prompt: '' }]
        })
      }
    ]
  ])

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string
  ): Promise<void> {
    const presented = presentedCredential(req)
    const entry: RecordedRequest = {
      method,
      path,
      origin: headerValue(req, 'origin') ?? null,
      auth: presented.kind,
      status: 0,
      at: clock()
    }
    requests.push(entry)
    res.once('finish', () => {
      entry.status = res.statusCode
    })
    res.once('close', () => {
      log?.(`${method} ${path} -> ${res.writableFinished ? res.statusCode : 'dropped'} (${presented.kind})`)
    })

    const origin = headerValue(req, 'origin')
    if (origin !== undefined) {
      // Refused outright, not only left without CORS headers: a "simple" request would otherwise
      // still run here, its answer merely hidden from the page.
      if (!isAllowedOrigin(origin, allowedOriginPorts)) {
        return sendError(res, 403, 'This page may not call the local Comfy API (see allowedOriginPorts).')
      }
      applyCors(res, origin)
    }

    // Preflights are never faulted: a browser would report a faulted preflight as a CORS
    // network error, and it would use up a `times: 1` fault meant for the real request.
    if (method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
      return
    }

    const fault = faults.take(path)
    if (fault?.hangMs !== undefined && !(await hold(res, fault.hangMs))) return
    if (fault?.malformed === true) return sendText(res, fault.status ?? 200, '{"id": "cus_trunc')
    if (fault?.status !== undefined)
      return sendError(res, fault.status, `Injected fault (status ${fault.status}).`)

    const route = routes.get(`${method} ${path}`)
    if (!route) return sendError(res, 404, `No route for ${method} ${path}.`)

    const auth = await authenticate(presented)
    if (!auth.ok) return sendError(res, auth.status, auth.message)

    if (method === 'POST') {
      const body = await readJsonBody(req)
      if (!body.ok) return sendError(res, body.status, body.message)
    }
    route(res, auth.identity)
  }

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string
  ): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      return sendError(res, 403, 'The /__control/ endpoints only answer loopback callers.')
    }
    // Browsers always send an Origin with a preflight or a cross-origin POST; tests send none.
    if (headerValue(req, 'origin') !== undefined) {
      return sendError(res, 403, 'The /__control/ endpoints do not answer web pages.')
    }
    if (!sameSecret(headerValue(req, CONTROL_SECRET_HEADER), controlSecret)) {
      return sendError(
        res,
        403,
        "Send the server's controlSecret in X-Control-Secret (tests/support/comfyApiControl.ts does)."
      )
    }
    const action = `${method} ${path}`
    if (action === 'GET /__control/requests') return sendJson(res, 200, requests)
    if (action === 'DELETE /__control/fault') {
      faults.set(null)
      return sendJson(res, 200, { fault: null })
    }
    if (
      method !== 'POST' ||
      ![
        '/__control/fault',
        '/__control/keys',
        '/__control/revoke',
        '/__control/balance',
        '/__control/reset'
      ].includes(path)
    ) {
      return sendError(res, 404, `No control route for ${method} ${path}.`)
    }

    const body = await readJsonBody(req)
    if (!body.ok) return sendError(res, body.status, body.message)
    const value = body.value ?? {}

    switch (path) {
      case '/__control/fault': {
        const parsed = parseFault(value)
        if (!parsed.ok) return sendError(res, 400, parsed.message)
        faults.set(parsed.fault)
        return sendJson(res, 200, { fault: faults.current() })
      }
      case '/__control/keys': {
        if (!isRecord(value)) return sendError(res, 400, 'Expected {"name"?: string, "email"?: string}.')
        const name = optionalString(value['name'])
        const email = optionalString(value['email'])
        const key = keys.issue({
          ...(name !== undefined ? { name } : {}),
          ...(email !== undefined ? { email } : {})
        })
        return sendJson(res, 201, { key })
      }
      case '/__control/revoke': {
        const key = isRecord(value) ? optionalString(value['key']) : undefined
        if (key === undefined) return sendError(res, 400, 'Expected {"key": string}.')
        if (!keys.revoke(key))
          return sendError(res, 404, 'No such issued key (the demo key cannot be revoked).')
        return sendJson(res, 200, { revoked: true })
      }
      case '/__control/balance': {
        const fields = isRecord(value) ? value : {}
        const email = optionalString(fields['email'])
        // By email for tests that only know the address: the customer must exist by then.
        const customerId = email
          ? [...customers.values()].find((customer) => customer.email === email)?.id
          : fields['customerId']
        const amountMicros = fields['amountMicros']
        if (email && customerId === undefined)
          return sendError(res, 404, `No customer with email ${email} yet.`)
        if (typeof customerId !== 'string' || customerId === '') {
          return sendError(
            res,
            400,
            'Expected {"customerId" or "email": string, "amountMicros": integer} or {..., "answer": any JSON}.'
          )
        }
        if ('answer' in fields) {
          setBalanceAnswer(customerId, fields['answer'])
          return sendJson(res, 200, { customerId, answer: fields['answer'] })
        }
        if (typeof amountMicros !== 'number' || !Number.isSafeInteger(amountMicros)) {
          return sendError(
            res,
            400,
            '"amountMicros" must be an integer number of micros (1 USD = 1_000_000).'
          )
        }
        setBalance(customerId, amountMicros)
        return sendJson(res, 200, { customerId, amountMicros })
      }
      default:
        reset()
        return sendJson(res, 200, { reset: true })
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = requestPath(req.url)
    if (path === null) return sendError(res, 400, 'The request target is not a path.')
    if (path === '/__control' || path.startsWith('/__control/')) return handleControl(req, res, method, path)
    return handleApi(req, res, method, path)
  }

  function reportHandlerFailure(res: ServerResponse, error: unknown): void {
    // A client that left mid-body makes reading fail; that is not the server's fault.
    if (res.destroyed) return
    log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`)
    if (res.headersSent) res.destroy()
    else sendError(res, 500, 'The local Comfy API failed; see its console.')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reportHandlerFailure(res, error))
  })
  // Garbage on the wire must cost one connection, never the process.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    // Without CORS headers: the request could not be parsed, so whose page sent it is unknown.
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actualPort = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      lifetime.abort()
      server.close(() => resolve())
      // Keep-alive and hanging connections would otherwise keep close() waiting.
      server.closeAllConnections()
    })
    return closing
  }

  return {
    url: formatUrl(host, actualPort),
    port: actualPort,
    demoKey: keys.demoKey,
    controlSecret,
    issueKey: (profile) => keys.issue(profile),
    setFault,
    setBalance,
    setBalanceAnswer,
    requests,
    reset,
    close
  }
}
