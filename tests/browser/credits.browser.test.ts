/**
 * Credits where they matter: before a run with partner nodes (a balance of zero or below asks
 * first; an unknown or stale one is read again, briefly; one that cannot be had never holds the
 * run), after a run (the balance read once; a 402 or 401 explained, or left to a host that explains
 * it itself), and at a glance (how old the balance is, what it means, read again when it comes
 * into view, at most once a minute).
 *
 * The local Comfy API charges each partner-node call and answers 402 at zero or below; the
 * playground runs each queued prompt and reports its end as ComfyUI does (execution_success /
 * execution_error).
 */
import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { signInWithKey } from '../support/apiKeyPage'
import { newAccount, openSectionAndSignIn, statusCard, type OpenedSection } from '../support/accountFlows'
import {
  openAccountSection,
  openPlayground,
  ourErrors,
  recordPageErrors,
  useBrowser,
  type PlaygroundOptions
} from '../support/browser'
import { expectNoViolations, OUR_ROOTS } from '../support/accessibility'
import { comfyApiControl } from '../support/comfyApiControl'
import { closeSettings } from '../support/hostPage'
import { clearReceivedPrompts, receivedPrompts, tokenClaims } from '../support/prompts'

const comfyApi = comfyApiControl()
const session = useBrowser()
beforeEach(async () => {
  await clearReceivedPrompts()
})
afterEach(async () => {
  await comfyApi.clearFault()
})

/** What locales/en/account.json says, as the user reads it. */
const TEXT = {
  empty: 'No credits left: partner nodes will not run until you add credits.',
  negative: 'Your balance is below zero: partner nodes will not run until you add credits.',
  low: 'Your balance is low: a few more partner-node runs may use it up.',
  unreadable:
    'Comfy answered with a balance that makes no sense, so none is shown. Try refreshing, or check your balance on the Comfy platform.',
  creditsUnavailable: 'Could not load your credits. Try refreshing.'
} as const
const TOP_UP_URL = 'https://platform.comfy.org/credits'

const ourDialog = (page: Page) => page.locator('dialog.comfy-account-dialog')
const credits = (card: Locator) => card.getByTestId('comfy-account-credits')
const creditsNote = (card: Locator) => card.getByTestId('comfy-account-credits-note')

async function run(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click()
}

async function balanceReads(): Promise<number> {
  return (await comfyApi.requests()).filter((r) => r.method === 'GET' && r.path === '/customers/balance')
    .length
}

/** Signed in by email on a fresh tab, the card showing `amountMicros` as the balance last read. */
async function signedInWithBalance(
  amountMicros: number,
  options: PlaygroundOptions = {}
): Promise<OpenedSection & { email: string; card: Locator }> {
  const { email, password } = await newAccount('credits')
  const page = await openPlayground(session.context, options)
  const errors = recordPageErrors(page)
  const section = await openSectionAndSignIn(page, email, password, options)
  const card = statusCard(section)
  await expect.poll(() => credits(card).textContent()).toBe('$5.00')
  await comfyApi.setBalance(email, amountMicros)
  const reads = await balanceReads()
  await card.getByRole('button', { name: 'Refresh' }).click()
  await expect.poll(balanceReads).toBe(reads + 1)
  await expect.poll(() => card.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true)
  return { page, section, errors, email, card }
}

describe('before a run with partner nodes', () => {
  it('asks first when the balance is zero, and "Run anyway" sends the run, whose 402 is explained', async () => {
    const { page, errors, email } = await signedInWithBalance(0)
    await closeSettings(page)
    await run(page)
    const dialog = ourDialog(page)
    await dialog.getByRole('heading', { name: 'No Comfy credits left' }).waitFor()
    expect(await dialog.getByTestId('comfy-account-partner-nodes').textContent()).toContain('DALL')
    expect(await dialog.getByTestId('comfy-account-dialog-balance').textContent()).toContain('Balance: $0.00')
    const addCredits = dialog.getByRole('link', { name: 'Add credits' })
    expect(await addCredits.getAttribute('href')).toBe(TOP_UP_URL)
    expect(await addCredits.getAttribute('target')).toBe('_blank')
    expect(await receivedPrompts()).toHaveLength(0)
    await expectNoViolations(page, OUR_ROOTS.dialog, 'the "no credits left" question')

    await dialog.getByRole('button', { name: 'Run anyway' }).click()
    await expect.poll(async () => (await receivedPrompts()).length).toBe(1)
    expect(tokenClaims((await receivedPrompts())[0]?.extra_data?.auth_token_comfy_org)).toMatchObject({
      email
    })
    // The partner node meets a 402: our dialog says why, with the balance and the way forward.
    await dialog.getByRole('heading', { name: 'A partner node needs credits' }).waitFor()
    expect(await dialog.textContent()).toContain(
      'OpenAI DALL·E 3 could not run: Comfy says your account has no credits left.'
    )
    expect(await dialog.getByRole('link', { name: 'Add credits' }).getAttribute('href')).toBe(TOP_UP_URL)
    await expectNoViolations(page, OUR_ROOTS.dialog, 'the 402 explanation')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(ourErrors(errors)).toEqual([])
  })

  it('asks for a balance below zero too; closing the question queues nothing', async () => {
    const { page, card } = await signedInWithBalance(-1_500_000)
    expect(await credits(card).textContent()).toBe('-$1.50')
    await closeSettings(page)
    await run(page)
    const dialog = ourDialog(page)
    await dialog.getByRole('heading', { name: 'No Comfy credits left' }).waitFor()
    expect(await dialog.getByTestId('comfy-account-dialog-balance').textContent()).toContain('-$1.50')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    // Only the next run, without partner nodes, reaches ComfyUI: the first one never did.
    await page.getByLabel('Include partner node').uncheck()
    await run(page)
    await expect.poll(async () => (await receivedPrompts()).length).toBe(1)
    const [only] = await receivedPrompts()
    expect(Object.values(only?.prompt ?? {}).map((node) => node.class_type)).not.toContain('OpenAIDalle3')
  })

  it('reads a balance older than a few minutes again before deciding', async () => {
    await session.context.clock.install()
    const { page, email } = await signedInWithBalance(5_000_000)
    await closeSettings(page)
    // Spent elsewhere (another machine) meanwhile; ours is now 4 minutes old.
    await comfyApi.setBalance(email, 0)
    await session.context.clock.fastForward(4 * 60_000)
    const before = await balanceReads()
    await run(page)
    await ourDialog(page).getByRole('heading', { name: 'No Comfy credits left' }).waitFor()
    expect(await balanceReads()).toBe(before + 1)
    expect(await receivedPrompts()).toHaveLength(0)
  })

  it('does not hold the run for a balance it cannot get', async () => {
    const { email, password } = await newAccount('credits-hang')
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    // Every balance read hangs longer than anyone waits: the one at sign-in, and the one for the run.
    await comfyApi.setFault({ hangMs: 30_000, path: '/customers/balance' })
    const section = await openAccountSection(page)
    await section.getByLabel('Email').fill(email)
    await section.getByLabel('Password', { exact: true }).fill(password)
    await section.getByRole('button', { name: 'Sign in', exact: true }).click()
    await statusCard(section).waitFor()
    await closeSettings(page)
    const clicked = Date.now()
    await run(page)
    await expect.poll(async () => (await receivedPrompts()).length, { timeout: 10_000 }).toBe(1)
    expect(Date.now() - clicked).toBeLessThan(10_000)
    expect(await ourDialog(page).count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })
})

describe('after a partner-node run', () => {
  it('reads the balance once when the run ends, and the card shows what is left', async () => {
    const { page, card } = await signedInWithBalance(100_000)
    expect(await creditsNote(card).textContent()).toBe(TEXT.low)
    await closeSettings(page)
    const before = await balanceReads()
    await run(page)
    // One partner-node call (0.08 USD here), one read when the run has ended.
    await expect.poll(balanceReads).toBe(before + 1)
    const section = await openAccountSection(page)
    const reopened = statusCard(section)
    await expect.poll(() => credits(reopened).textContent()).toBe('$0.02')
    expect(await creditsNote(reopened).textContent()).toBe(TEXT.low)
    expect(await balanceReads()).toBe(before + 1)
    expect(await ourDialog(page).count()).toBe(0)
  })

  it('leaves a 402 to a host with its own account page, which shows its own top-up dialog', async () => {
    const options = { builtinUser: true }
    const { page, email } = await signedInWithBalance(5_000_000, options)
    await closeSettings(page)
    // Spent elsewhere a moment ago: ours still says 5 USD, so the run goes out and meets the 402.
    await comfyApi.setBalance(email, 0)
    await run(page)
    const hostDialog = page.getByTestId('host-dialog')
    await hostDialog.getByText('Insufficient credits').waitFor()
    await hostDialog.getByRole('button', { name: 'Cancel' }).click()
    await hostDialog.waitFor({ state: 'detached' })
    expect(await ourDialog(page).count()).toBe(0)
    // The balance was read after the run all the same.
    const card = statusCard(await openAccountSection(page, options))
    await expect.poll(() => credits(card).textContent()).toBe('$0.00')
    expect(await creditsNote(card).textContent()).toBe(TEXT.empty)
  })

  it('explains a 401 with "Sign in again", which leads to the sign-in form', async () => {
    const page = await openPlayground(session.context)
    const errors = recordPageErrors(page)
    const key = await comfyApi.issueKey({ name: 'Revoked Later' })
    await signInWithKey(await openAccountSection(page), key)
    await closeSettings(page)
    // Deleted on the platform since: partner nodes get a 401 for it.
    await comfyApi.revokeKey(key)
    await run(page)
    const dialog = ourDialog(page)
    await dialog.getByRole('heading', { name: 'Sign in to Comfy again' }).waitFor()
    expect(await dialog.textContent()).toContain(
      'OpenAI DALL·E 3 could not run: Comfy did not accept the sign-in it was sent with.'
    )
    await dialog.getByRole('button', { name: 'Sign in again' }).click()
    await dialog.getByRole('tab', { name: 'Comfy API key', selected: true }).waitFor()
    await dialog.getByLabel('API key', { exact: true }).waitFor()
    // The balance read after the run met the same 401: that is what signed the key out.
    expect(ourErrors(errors, { comfyApi: [401] })).toEqual([])
  })
})

describe('the balance at a glance', () => {
  it('says what zero, negative, low, plenty and unreadable answers mean, and when it was read', async () => {
    const { page, card, email, errors } = await signedInWithBalance(0)
    const refresh = async () => {
      await card.getByRole('button', { name: 'Refresh' }).click()
      await expect.poll(() => card.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true)
    }
    expect(await card.getByTestId('comfy-account-credits-updated').textContent()).toBe('Updated now')
    const cases: Array<[string, () => Promise<void>, string, string | null]> = [
      ['zero', () => comfyApi.setBalance(email, 0), '$0.00', TEXT.empty],
      ['negative', () => comfyApi.setBalance(email, -250_000), '-$0.25', TEXT.negative],
      ['low', () => comfyApi.setBalance(email, 250_000), '$0.25', TEXT.low],
      ['plenty', () => comfyApi.setBalance(email, 12_000_000), '$12.00', null],
      [
        'no amount',
        () => comfyApi.setBalanceAnswer(email, { currency: 'usd' }),
        TEXT.creditsUnavailable,
        TEXT.unreadable
      ],
      [
        'an amount as text',
        () => comfyApi.setBalanceAnswer(email, { amount_micros: 'NaN', currency: 'usd' }),
        TEXT.creditsUnavailable,
        TEXT.unreadable
      ],
      [
        'an amount beyond belief',
        () => comfyApi.setBalanceAnswer(email, { amount_micros: 1e21, currency: 'usd' }),
        TEXT.creditsUnavailable,
        TEXT.unreadable
      ]
    ]
    for (const [, answer, shown, note] of cases) {
      await answer()
      await refresh()
      await expect.poll(() => credits(card).textContent()).toBe(shown)
      expect(await creditsNote(card).count()).toBe(note === null ? 0 : 1)
      if (note) expect(await creditsNote(card).textContent()).toBe(note)
      await expectNoViolations(page, OUR_ROOTS.section, `the card with a ${shown} balance`)
    }
    expect(await card.getByTestId('comfy-account-credits-updated').count()).toBe(0)
    expect(ourErrors(errors)).toEqual([])
  })

  it.for(['1.24', '1.45'] as const)(
    'reads again when the settings open (%s) or the tab comes back, at most once a minute',
    async (hostVersion) => {
      const options = { hostVersion }
      await session.context.clock.install()
      const { page, card } = await signedInWithBalance(5_000_000, options)
      const reads = await balanceReads()
      await session.context.clock.fastForward(61_000)
      await expect
        .poll(() => card.getByTestId('comfy-account-credits-updated').textContent())
        .toBe('Updated 1 minute ago')
      await closeSettings(page)

      // Open: read (a minute has passed); open again at once: not read again.
      let section = await openAccountSection(page, options)
      await expect.poll(balanceReads).toBe(reads + 1)
      await expect
        .poll(() => statusCard(section).getByTestId('comfy-account-credits-updated').textContent())
        .toBe('Updated now')
      await closeSettings(page)
      section = await openAccountSection(page, options)
      await statusCard(section).waitFor()

      const comeBack = () =>
        page.evaluate(() => {
          for (const state of ['hidden', 'visible']) {
            Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
            document.dispatchEvent(new Event('visibilitychange'))
          }
        })
      await comeBack()
      expect(await balanceReads()).toBe(reads + 1)
      await session.context.clock.fastForward(61_000)
      await comeBack()
      await expect.poll(balanceReads).toBe(reads + 2)
    }
  )
})
