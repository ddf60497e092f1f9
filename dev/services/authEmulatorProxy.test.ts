import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { startAuthEmulatorProxy, type AuthEmulatorProxy } from './authEmulatorProxy'

/** Stands in for the emulator: echoes requests, and serves a helper iframe page. */
function fakeEmulator(iframeHtml: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/emulator/auth/iframe')) {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(iframeHtml)
      return
    }
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () =>
      res
        .writeHead(418, { 'Content-Type': 'application/json', 'X-Upstream': 'yes' })
        .end(JSON.stringify({ method: req.method, url: req.url, body }))
    )
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (typeof address !== 'object' || !address) throw new Error('no address')
      resolve({ url: `http://127.0.0.1:${address.port}`, server })
    })
  )
}

const HELPER_PAGE =
  '<script>window.gapi_onload = init</script><script src="https://apis.google.com/js/api.js"></script>'

describe('the Auth Emulator proxy', () => {
  let dir: string
  let upstream: Server | undefined
  let proxy: AuthEmulatorProxy | undefined

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapi-standin-'))
    writeFileSync(join(dir, 'gapi.js'), 'window.gapi = {}')
  })
  afterEach(async () => {
    await proxy?.close()
    await new Promise((resolve) => upstream?.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  async function start(iframeHtml = HELPER_PAGE): Promise<string> {
    const emulator = await fakeEmulator(iframeHtml)
    upstream = emulator.server
    proxy = await startAuthEmulatorProxy({ target: emulator.url, gapiStandinPath: join(dir, 'gapi.js') })
    return proxy.url
  }

  it('forwards everything else unchanged', async () => {
    const url = await start()
    const response = await fetch(`${url}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k`, {
      method: 'POST',
      body: '{"email":"a@b.c"}'
    })
    expect(response.status).toBe(418)
    expect(response.headers.get('x-upstream')).toBe('yes')
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k',
      body: '{"email":"a@b.c"}'
    })
  })

  it("points the helper iframe's gapi script at the local stand-in, and serves it", async () => {
    const url = await start()
    const page = await (await fetch(`${url}/emulator/auth/iframe?apiKey=k&appName=a`)).text()
    expect(page).not.toContain('apis.google.com')
    const src = /<script src="([^"]+)"><\/script>/u.exec(page)?.[1]
    expect(src).toBe('/__dev/gapi-standin.js')
    const script = await fetch(`${url}${src}`)
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(await script.text()).toBe('window.gapi = {}')
  })

  it('says what to update when the emulator stops loading gapi', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const url = await start('<p>a new helper page</p>')
    const response = await fetch(`${url}/emulator/auth/iframe?apiKey=k&appName=a`)
    expect(response.status).toBe(502)
    expect(await response.text()).toContain('update this proxy')
    expect(logged).toHaveBeenCalledOnce()
    logged.mockRestore()
  })
})
