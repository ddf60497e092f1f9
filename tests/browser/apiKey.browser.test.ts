/**
 * The "Comfy API key" tab, through the real parts: Settings → our section → API key tab →
 * verified with the local Comfy API before anything is stored → status card. Storage, reloads,
 * start-up checks and the host's own page are in apiKeySession.browser.test.ts.
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'

import { openSection, statusCard } from '../support/accountFlows'
import {
  keyField,
  keyLeaks,
  maskedForm,
  nothingStored,
  openKeyTab,
  signInWithKey,
  storedKeys,
  submitKey,
  unknownKey
} from '../support/apiKeyPage'
import { type BrowserLoadFailure, ourErrors, useBrowser } from '../support/browser'
import { comfyApiControl } from '../support/comfyApiControl'

const comfyApi = comfyApiControl()
const session = useBrowser()
afterEach(async () => {
  await comfyApi.clearFault()
})

/** The format problems the key field announces: the list items of its accessible description. */
function describedProblems(field: Locator): Promise<string[]> {
  return field.evaluate((input) =>
    (input.getAttribute('aria-describedby')?.split(/\s+/) ?? []).flatMap((id) =>
      Array.from(
        document.getElementById(id)?.querySelectorAll('li') ?? [],
        (item) => item.textContent?.trim() ?? ''
      )
    )
  )
}

describe('the Comfy API key tab', () => {
  it('signs in with a valid key and shows whose it is, never the key itself', async () => {
    const key = await comfyApi.issueKey({ name: 'Ada Lovelace', email: 'ada@example.com' })
    const { page, section, errors } = await openSection(session.context)

    const card = await signInWithKey(section, key)
    expect(await card.getByTestId('comfy-account-method').textContent()).toBe('Comfy API key')
    await expect.poll(() => card.textContent()).toContain('Ada Lovelace')
    expect(await card.textContent()).toContain('ada@example.com')
    await expect.poll(() => card.getByTestId('comfy-account-credits').textContent()).toBe('$5.00')

    expect(await keyLeaks(page, key)).toEqual([])
    expect(await storedKeys(page)).toEqual({ local: key, session: null })
    expect(ourErrors(errors)).toEqual([])
  })

  it('says a well-formed key Comfy does not know is not valid, stores nothing, keeps the field', async () => {
    const key = unknownKey()
    const { page, section, errors } = await openSection(session.context)

    await submitKey(section, key)
    const alert = section.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('Comfy did not accept this key.')
    expect(await keyField(section).inputValue()).toBe(key)
    expect(await keyField(section).getAttribute('aria-invalid')).toBe('true')
    expect(await statusCard(section).count()).toBe(0)
    expect(await storedKeys(page)).toEqual(nothingStored)

    // The verdict was about that key: once the user changes it, it no longer shows.
    await keyField(section).fill(unknownKey())
    await expect.poll(() => alert.count()).toBe(0)
    expect(await keyField(section).getAttribute('aria-invalid')).not.toBe('true')
    expect(ourErrors(errors, { comfyApi: [401] })).toEqual([])
  })

  /** Ways Comfy can fail to give a verdict on a key; each one is undone by `end`. */
  interface Outage {
    outage: string
    begin(page: Page): Promise<void>
    end(page: Page): Promise<void>
    /** What Chromium itself logs for the failed request. */
    browserLogs: BrowserLoadFailure[]
  }
  const outages: Outage[] = [
    {
      outage: 'answers 503',
      begin: () => comfyApi.setFault({ status: 503 }),
      end: () => comfyApi.clearFault(),
      browserLogs: [503]
    },
    {
      // Longer than the key check waits (10 s, verifyTimeoutMs in createComfyApiClient).
      outage: 'does not answer in time',
      begin: () => comfyApi.setFault({ hangMs: 12_000 }),
      end: () => comfyApi.clearFault(),
      browserLogs: []
    },
    {
      outage: 'cannot be reached',
      begin: async (page) => {
        await page.route(`${inject('comfyApiUrl')}/**`, (route) => route.abort('connectionrefused'))
      },
      end: (page) => page.unrouteAll(),
      browserLogs: ['net::ERR_CONNECTION_REFUSED']
    }
  ]

  it.for(outages)(
    'when Comfy $outage: "could not check", nothing stored, field kept, retry signs in',
    async ({ begin, end, browserLogs }) => {
      const key = await comfyApi.issueKey({ name: 'Retry Person' })
      const { page, section, errors } = await openSection(session.context)
      await begin(page)

      await submitKey(section, key)
      const alert = section.getByRole('alert')
      await expect
        .poll(() => alert.textContent(), { timeout: 15_000 })
        .toContain('Could not check the key right now.')
      expect(await keyField(section).inputValue()).toBe(key)
      expect(await statusCard(section).count()).toBe(0)
      expect(await storedKeys(page)).toEqual(nothingStored)

      await end(page)
      await section.getByRole('button', { name: 'Try again' }).click()
      await expect.poll(() => statusCard(section).textContent()).toContain('Retry Person')
      expect(await storedKeys(page)).toEqual({ local: key, session: null })
      expect(ourErrors(errors, { comfyApi: browserLogs })).toEqual([])
    }
  )

  it('checks the format as you type, one message per rule, and trims a pasted key', async () => {
    // A real paste (Ctrl+V) needs the clipboard.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const key = await comfyApi.issueKey({ name: 'Paste Person' })
    const { page, section, errors } = await openSection(session.context)
    await openKeyTab(section)
    const field = keyField(section)
    const problems = () => describedProblems(field)

    expect(await section.textContent()).toContain(
      'Use a key when Google or GitHub sign-in does not work here'
    )
    expect(await section.getByRole('link', { name: 'Get a key here' }).getAttribute('href')).toBe(
      'https://platform.comfy.org/login'
    )

    // Nothing typed yet: no complaint until the user submits.
    expect(await problems()).toEqual([])
    await section.getByRole('button', { name: 'Save key' }).click()
    await expect.poll(problems).toEqual(['Paste your API key.'])

    await field.pressSequentially('sk-')
    await expect
      .poll(problems)
      .toEqual(['A Comfy API key starts with comfyui-.', 'A Comfy API key is exactly 72 characters long.'])
    await field.fill(`comfyui-${'a'.repeat(20)}`)
    await expect.poll(problems).toEqual(['A Comfy API key is exactly 72 characters long.'])
    await field.fill(`comfyui-${'a'.repeat(30)} ${'a'.repeat(33)}`)
    await expect
      .poll(problems)
      .toEqual(['The key contains spaces or characters that do not belong in a key.'])
    expect(await field.getAttribute('aria-invalid')).toBe('true')

    // A key copied with the line break and spaces around it, as from an email or a terminal.
    await field.fill('')
    await page.evaluate((text) => navigator.clipboard.writeText(text), `  \n${key}\t \n`)
    await field.focus()
    await page.keyboard.press('ControlOrMeta+V')
    await expect.poll(() => field.inputValue()).toBe(key)
    expect(await problems()).toEqual([])

    await section.getByRole('button', { name: 'Save key' }).click()
    await expect
      .poll(() => statusCard(section).getByTestId('comfy-account-masked-key').textContent())
      .toBe(maskedForm(key))
    expect(await storedKeys(page)).toEqual({ local: key, session: null })
    expect(ourErrors(errors)).toEqual([])
  })

  it('shows and hides the key on request', async () => {
    const { section, errors } = await openSection(session.context)
    await openKeyTab(section)
    const field = keyField(section)
    await field.fill(unknownKey())
    expect(await field.getAttribute('type')).toBe('password')

    await section.getByRole('button', { name: 'Show key' }).click()
    expect(await field.getAttribute('type')).toBe('text')
    const hide = section.getByRole('button', { name: 'Hide key' })
    expect(await hide.getAttribute('aria-pressed')).toBe('true')

    await hide.click()
    expect(await field.getAttribute('type')).toBe('password')
    expect(await section.getByRole('button', { name: 'Show key' }).getAttribute('aria-pressed')).toBe('false')
    expect(ourErrors(errors)).toEqual([])
  })
})
