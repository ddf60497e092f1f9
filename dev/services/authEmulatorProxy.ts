/**
 * The browser-facing address of the Firebase Auth Emulator, for the demo and the browser tests.
 *
 * Google/GitHub popup sign-in loads https://apis.google.com/js/api.js inside the emulator's hidden
 * helper iframe (`/emulator/auth/iframe`); offline that fails with auth/internal-error. This proxy
 * forwards every request to the emulator unchanged, except that page, whose script tag it points
 * at our local gapi stand-in (playground/public/gapi-standin.js), served here as well. The page
 * side gets the same stand-in from the playground's index.html. Admin REST calls keep using the
 * emulator directly.
 */
import { readFile } from 'node:fs/promises'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'

export interface AuthEmulatorProxy {
  /** e.g. http://127.0.0.1:40123; hand this to the browser instead of the emulator's own URL. */
  url: string
  close(): Promise<void>
}

export interface AuthEmulatorProxyOptions {
  /** The emulator, e.g. http://127.0.0.1:9099 */
  target: string
  /** The gapi stand-in script to serve instead of apis.google.com's. */
  gapiStandinPath: string
  /** @default 0 (a free port) */
  port?: number
}

const GAPI_URL = 'https://apis.google.com/js/api.js'
const STANDIN_PATH = '/__dev/gapi-standin.js'
const HELPER_IFRAME_PATH = '/emulator/auth/iframe'

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host }
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    }
  )
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy(error)
    else
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`Auth Emulator unreachable: ${error.message}`)
  })
  req.pipe(upstream)
}

async function helperIframe(target: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await fetch(new URL(req.url ?? HELPER_IFRAME_PATH, target))
  const html = await answer.text()
  if (!html.includes(GAPI_URL)) {
    // A firebase-tools update changed the page: fail loudly rather than let sign-in time out.
    throw new Error(`The emulator's ${HELPER_IFRAME_PATH} no longer loads ${GAPI_URL}; update this proxy.`)
  }
  res.writeHead(answer.status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(html.replace(GAPI_URL, STANDIN_PATH))
}

async function standin(path: string, res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(await readFile(path))
}

export function startAuthEmulatorProxy({
  target,
  gapiStandinPath,
  port = 0
}: AuthEmulatorProxyOptions): Promise<AuthEmulatorProxy> {
  const upstream = new URL(target)
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://proxy').pathname
    const special =
      req.method === 'GET' && pathname === HELPER_IFRAME_PATH
        ? helperIframe(upstream, req, res)
        : req.method === 'GET' && pathname === STANDIN_PATH
          ? standin(gapiStandinPath, res)
          : undefined
    if (!special) return forward(upstream, req, res)
    special.catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' })
      res.end(String(error))
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, upstream.hostname, () => {
      const address = server.address()
      if (!address || typeof address === 'string') return reject(new Error('The proxy has no TCP address.'))
      resolve({
        url: `http://${upstream.hostname}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
