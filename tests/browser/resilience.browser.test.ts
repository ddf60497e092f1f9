/**
 * Whatever happens to our code, ComfyUI keeps working: a lazy chunk that cannot load is told
 * once (a toast), logged every time (the console), and the rest of the host still runs prompts.
 */

import { beforeEach, describe, expect, it } from 'vitest'

import { navLabel, openPlayground, useBrowser } from '../support/browser'
import { clearReceivedPrompts, receivedPrompts } from '../support/prompts'

const session = useBrowser()
beforeEach(async () => {
  await clearReceivedPrompts()
})

describe('when our code cannot load', () => {
  it('tells it once, in words, logs every failure, and ComfyUI keeps working', async () => {
    await session.context.route('**/extensions/ComfyUI-Account/lazy/**', (route) => route.abort())
    const page = await openPlayground(session.context)
    const failuresLogged: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('[ComfyUI-Account]'))
        failuresLogged.push(message.text())
    })

    await page.getByRole('button', { name: 'Settings' }).first().click()
    const dialog = page.getByTestId('settings-dialog')
    await dialog.getByRole('option', { name: navLabel(), exact: true }).click()
    await expect.poll(() => page.getByText('Comfy Account could not start').count()).toBeGreaterThan(0)

    // Open it again: every failure is logged for whoever files the bug, but told only once.
    await dialog.getByRole('option', { name: 'Comfy', exact: true }).click()
    await dialog.getByRole('option', { name: navLabel(), exact: true }).click()
    await expect.poll(() => failuresLogged.length, { timeout: 5000 }).toBeGreaterThan(1)
    expect(await page.getByText('Comfy Account could not start').count()).toBe(1)
    for (const line of failuresLogged) expect(line).not.toMatch(/comfyui-[0-9a-f]{64}|eyJ/u)
    const logged = failuresLogged.length

    await page.keyboard.press('Escape')
    await page.getByLabel('Include partner node').uncheck()
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await expect.poll(async () => (await receivedPrompts()).length, { timeout: 10_000 }).toBe(1)
    expect(failuresLogged.length).toBeGreaterThanOrEqual(logged)
  })
})
