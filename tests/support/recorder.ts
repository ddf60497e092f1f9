/**
 * Records everything a browser context does that could carry a credential, and looks for
 * credentials wherever a browser (or the host) could keep them. For the shared-device, fault and
 * no-leak tests.
 *
 * - `recordContext` sees every request (URL, all headers, body), every console line and uncaught
 *   error, every URL a page or frame navigates to, and the text of every toast the playground
 *   shows (PrimeVue toasts, read from the DOM as they appear). It also collects the credentials
 *   that went over the wire, so tests can search for them afterwards: ID tokens (the Comfy API's
 *   `Authorization` header, prompt bodies, the emulator's answers), refresh tokens (the emulator's
 *   answers) and API keys (`X-API-KEY`, prompt bodies).
 * - `credentialLeftovers` reads localStorage, sessionStorage, every IndexedDB database and object
 *   store, Cache Storage, the context's cookies and the settings the playground server stores.
 */
import type { BrowserContext, Page, Request, Response } from 'playwright-core'
import { inject } from 'vitest'

export interface SeenRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: string
}

export interface ContextRecording {
  requests: SeenRequest[]
  /** `<type>: <text> (<source url>)`, every type. */
  consoleLines: string[]
  /** Uncaught exceptions and unhandled rejections (`pageerror`). */
  pageErrors: string[]
  /** Every URL a page or one of its frames navigated to. */
  urls: string[]
  /** The text of every toast, as it appeared. */
  toasts: string[]
  idTokens: Set<string>
  refreshTokens: Set<string>
  apiKeys: Set<string>
  /** Waits until the headers and bodies of everything seen so far have been read. */
  settle(): Promise<void>
}

const TOAST_BINDING = '__comfyAccountTestToast'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Firebase's token fields, in the emulator's JSON answers (camelCase and OAuth-style names). */
function harvestFirebaseTokens(value: unknown, into: Pick<ContextRecording, 'idTokens' | 'refreshTokens'>) {
  if (Array.isArray(value)) {
    for (const item of value) harvestFirebaseTokens(item, into)
    return
  }
  if (!isRecord(value)) return
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && field !== '') {
      if (key === 'idToken' || key === 'id_token' || key === 'access_token') into.idTokens.add(field)
      if (key === 'refreshToken' || key === 'refresh_token') into.refreshTokens.add(field)
    } else {
      harvestFirebaseTokens(field, into)
    }
  }
}

/**
 * Toasts are read from the DOM as they are added: the playground's are PrimeVue toasts
 * (`.p-toast-message`). Runs in every frame before any page script.
 */
function watchToasts(binding: string): void {
  const seen = new WeakSet<Element>()
  const report = (element: Element) => {
    if (seen.has(element)) return
    seen.add(element)
    const send = (window as unknown as Record<string, ((text: string) => Promise<void>) | undefined>)[binding]
    send?.(element.textContent ?? '').catch(() => undefined)
  }
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof Element)) continue
        if (node.matches('.p-toast-message')) report(node)
        node.querySelectorAll('.p-toast-message').forEach(report)
      }
    }
  }).observe(document, { childList: true, subtree: true })
}

export async function recordContext(context: BrowserContext): Promise<ContextRecording> {
  const comfyApiOrigin = new URL(inject('comfyApiUrl')).origin
  const authOrigin = new URL(inject('authUrl')).origin
  const promptUrl = new URL('api/prompt', inject('playgroundUrl')).href
  const pending = new Set<Promise<void>>()
  const readFailures: string[] = []
  const recording: ContextRecording = {
    requests: [],
    consoleLines: [],
    pageErrors: [],
    urls: [],
    toasts: [],
    idTokens: new Set(),
    refreshTokens: new Set(),
    apiKeys: new Set(),
    async settle() {
      // Reading can start more reads (a request seen while waiting); a few rounds cover that.
      for (let round = 0; round < 20 && pending.size > 0; round++) await Promise.all([...pending])
      if (pending.size > 0)
        throw new Error('The recorder is still reading after 20 rounds; is the page busy?')
      if (readFailures.length > 0) throw new Error(`The recorder could not read: ${readFailures.join('; ')}`)
    }
  }

  function track(what: string, work: () => Promise<void>): void {
    const running = work().catch((error: unknown) => {
      readFailures.push(`${what}: ${String(error)}`)
    })
    pending.add(running)
    running.finally(() => pending.delete(running)).catch(() => undefined)
  }

  function onRequest(request: Request): void {
    track(`request ${request.url()}`, async () => {
      // allHeaders() includes what headers() leaves out (cookies and other security headers).
      const headers = await request.allHeaders().catch(() => request.headers())
      const body = request.postData() ?? ''
      recording.requests.push({ url: request.url(), method: request.method(), headers, body })
      const url = new URL(request.url())
      if (url.origin === comfyApiOrigin) {
        const bearer = /^Bearer\s+(\S+)$/u.exec(headers['authorization'] ?? '')
        if (bearer?.[1]) recording.idTokens.add(bearer[1])
        if (headers['x-api-key']) recording.apiKeys.add(headers['x-api-key'])
      }
      if (url.href === promptUrl && request.method() === 'POST') {
        const parsed = parseJson(body)
        const extra = isRecord(parsed) && isRecord(parsed['extra_data']) ? parsed['extra_data'] : {}
        const token = extra['auth_token_comfy_org']
        const key = extra['api_key_comfy_org']
        if (typeof token === 'string' && token !== '') recording.idTokens.add(token)
        if (typeof key === 'string' && key !== '') recording.apiKeys.add(key)
      }
    })
  }

  function onResponse(response: Response): void {
    if (new URL(response.url()).origin !== authOrigin || response.request().method() !== 'POST') return
    track(`answer of ${response.url()}`, async () => {
      // A body can be gone when the page navigated meanwhile; tokens then also reached nobody.
      const text = await response.text().catch(() => '')
      harvestFirebaseTokens(parseJson(text), recording)
    })
  }

  function watchPage(page: Page): void {
    page.on('console', (message) => {
      recording.consoleLines.push(`${message.type()}: ${message.text()} (${message.location().url})`)
    })
    page.on('pageerror', (error) => recording.pageErrors.push(`${error.name}: ${error.message}`))
    page.on('framenavigated', (frame) => recording.urls.push(frame.url()))
  }

  await context.exposeBinding(TOAST_BINDING, (_source, text: unknown) => {
    recording.toasts.push(String(text))
  })
  await context.addInitScript(watchToasts, TOAST_BINDING)
  context.on('request', onRequest)
  context.on('response', onResponse)
  context.on('page', watchPage)
  context.pages().forEach(watchPage)
  return recording
}

export interface Credential {
  /** What it is, for messages: "ID token 1", "refresh token", "API key". */
  label: string
  value: string
}

/** Labels every credential a recording saw. */
export function credentialsSeen(recording: ContextRecording): Credential[] {
  return [
    ...[...recording.idTokens].map((value, i) => ({ label: `ID token ${i + 1}`, value })),
    ...[...recording.refreshTokens].map((value, i) => ({ label: `refresh token ${i + 1}`, value })),
    ...[...recording.apiKeys].map((value, i) => ({ label: `API key ${i + 1}`, value }))
  ]
}

/**
 * The strings whose presence means (part of) a credential is still there: the whole value, and
 * the part that identifies it on its own: a JWT's payload and signature (the header is the same
 * for every token), an API key without its public prefix and the last four characters that the
 * masked form `comfyui-…abcd` shows on purpose.
 */
export function needlesOf(credential: string): string[] {
  const needles = new Set([credential])
  const jwt = credential.split('.')
  if (jwt.length === 3) {
    for (const part of jwt.slice(1)) if (part.length >= 16) needles.add(part)
  }
  if (credential.startsWith('comfyui-') && credential.length > 20) needles.add(credential.slice(8, -4))
  return [...needles]
}

export interface Trace {
  where: string
  credential: string
}

export function tracesIn(where: string, text: string, credentials: readonly Credential[]): Trace[] {
  return credentials
    .filter(({ value }) => needlesOf(value).some((needle) => text.includes(needle)))
    .map(({ label }) => ({ where, credential: label }))
}

/** Everything this page's origin keeps: Web Storage, every IndexedDB store, Cache Storage. */
export function browserStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const found: Record<string, string> = {}
    const decoder = new TextDecoder()
    const asText = (value: unknown) =>
      JSON.stringify(value, (_key, item: unknown) =>
        item instanceof ArrayBuffer || ArrayBuffer.isView(item) ? decoder.decode(item) : item
      ) ?? ''
    const settle = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
      })

    for (const [name, area] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage]
    ] as const) {
      const entries: Record<string, string | null> = {}
      for (let i = 0; i < area.length; i++) {
        const key = area.key(i)
        if (key !== null) entries[key] = area.getItem(key)
      }
      found[name] = JSON.stringify(entries)
    }

    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await settle(indexedDB.open(info.name))
      try {
        for (const storeName of Array.from(db.objectStoreNames)) {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName)
          const [keys, values] = await Promise.all([settle(store.getAllKeys()), settle(store.getAll())])
          found[`IndexedDB ${info.name}/${storeName}`] = asText({ keys, values })
        }
      } finally {
        db.close()
      }
    }

    if (typeof caches !== 'undefined') {
      for (const cacheName of await caches.keys()) {
        const cache = await caches.open(cacheName)
        const parts: string[] = []
        for (const request of await cache.keys()) {
          const answer = await cache.match(request)
          parts.push(request.url, JSON.stringify([...request.headers]), (await answer?.text()) ?? '')
        }
        found[`Cache Storage ${cacheName}`] = parts.join('\n')
      }
    }
    return found
  })
}

/** The setting values the playground server keeps (ComfyUI's comfy.settings.json). */
export async function hostSettings(): Promise<string> {
  const response = await fetch(new URL('api/settings', inject('playgroundUrl')))
  if (!response.ok) throw new Error(`GET api/settings answered ${response.status}`)
  return response.text()
}

/**
 * Where any of `credentials` is still kept: the storage of every open page of the context
 * (sessionStorage is per tab), the context's cookies, and the host's stored settings.
 */
export async function credentialLeftovers(
  context: BrowserContext,
  credentials: readonly Credential[]
): Promise<Trace[]> {
  const traces: Trace[] = []
  for (const [index, page] of context.pages().entries()) {
    for (const [place, text] of Object.entries(await browserStorage(page))) {
      traces.push(...tracesIn(`tab ${index + 1} ${place}`, text, credentials))
    }
  }
  traces.push(...tracesIn('cookies', JSON.stringify(await context.cookies()), credentials))
  traces.push(...tracesIn('host settings', await hostSettings(), credentials))
  return traces
}
