/**
 * Our section's code is loaded on demand (lazy chunks). When it cannot load (offline, a half
 * installed update), the section says so with a Retry button, instead of "Loading…" for ever;
 * every failed attempt shows that again, and once the files can be had, Retry loads it, or, in a
 * browser that keeps a failed download until the page reloads, a reload does, as the section then
 * says. (The words are boot messages, in every language: src/host/bootMessages.test.ts.)
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import {
  navLabel,
  openPlayground,
  REAL_HOSTS,
  recordPageErrors,
  reloadApp,
  useBrowser,
  type PlaygroundOptions
} from '../support/browser'

const session = useBrowser()

const LAZY_CHUNKS = '**/extensions/ComfyUI-Account/lazy/**'

/** Settings → our nav entry, without waiting for the section: it is not going to come. */
async function openSettingsEntry(page: Page, host: PlaygroundOptions): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).first().click()
  // 1.24's nav is a listbox; 1.45's a <nav> of buttons.
  const entry = host.hostVersion === '1.45' ? 'button' : 'option'
  await page
    .getByRole('dialog')
    .getByRole(entry, { name: navLabel(host), exact: true })
    .click()
}

/**
 * Whether this browser downloads a module again after a failed `import()` of it: browsers from
 * before whatwg/html#10327 (Chromium 150, Debian 12's) keep the failure until the page reloads.
 * Asked with a module of its own.
 */
async function refetchesFailedModules(page: Page): Promise<boolean> {
  const probe = '**/refetch-probe.mjs'
  let requests = 0
  await page.route(probe, (route) => {
    requests++
    if (requests === 1) return route.abort('internetdisconnected')
    return route.fulfill({ contentType: 'text/javascript', body: 'export default 1' })
  })
  const url = new URL('/refetch-probe.mjs', page.url()).href
  // A string: Vitest would rewrite an import() in a function into its own loader, absent from the page.
  const tryImport = () =>
    page.evaluate<boolean>(`import(${JSON.stringify(url)}).then(() => true, () => false)`)
  expect(await tryImport()).toBe(false)
  const second = await tryImport()
  await page.unroute(probe)
  // Either the browser asked again and got the module, or it did not ask at all.
  expect(requests).toBe(second ? 2 : 1)
  return second
}

const failuresReported = (errors: string[]) =>
  errors.filter((e) => e.includes('[ComfyUI-Account] failed')).length

describe.each(REAL_HOSTS)('in $hostVersion, a section whose code cannot load', (host) => {
  it('says so with a Retry button, says so again when Retry fails, and loads once it can', async () => {
    const page = await openPlayground(session.context, host)
    const errors = recordPageErrors(page)
    await page.route(LAZY_CHUNKS, (route) => route.abort('internetdisconnected'))
    await openSettingsEntry(page, host)

    const root = page.locator('.comfy-account-root')
    const failed = root.getByRole('alert')
    await failed.waitFor()
    expect(await failed.locator('p').allTextContents()).toEqual([
      'Comfy Account could not be loaded. Check your connection, then try again.'
    ])
    const reported = failuresReported(errors)
    expect(reported).toBeGreaterThan(0)

    // A second failure is not silent either: the section tries again, then says so again, and
    // that a reload tries again (some browsers keep a failed download until then).
    await root.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => failuresReported(errors)).toBeGreaterThan(reported)
    await failed.waitFor()
    expect(await failed.locator('p').allTextContents()).toEqual([
      'Comfy Account could not be loaded. Check your connection, then try again.',
      'ComfyUI keeps working. Reload the page to try again; if this keeps happening, update or reinstall ComfyUI-Account.'
    ])
    expect(await root.getByText('Loading Comfy Account…').count()).toBe(0)
    // Our failures are ours: none reaches the host as a failed import of its own (1.45 cancels those).
    expect(errors.filter((e) => e.includes('[vite:preloadError]'))).toEqual([])

    await page.unroute(LAZY_CHUNKS)
    if (await refetchesFailedModules(page)) {
      console.info('This browser downloads a failed module again: Retry loads the section.')
      await root.getByRole('button', { name: 'Try again' }).click()
    } else {
      console.info('This browser keeps a failed module until a reload: the reload loads the section.')
      await reloadApp(page)
      await openSettingsEntry(page, host)
    }
    await page
      .locator('section.comfy-account')
      .getByRole('button', { name: 'Sign in', exact: true })
      .waitFor()
    expect(await failed.count()).toBe(0)
  })
})
