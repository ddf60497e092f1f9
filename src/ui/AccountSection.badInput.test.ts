/**
 * Bad input, in bulk: hundreds of hostile values per form (tests/support/badInputs.ts),
 * typed into the real section and submitted like a user would. Each one must end in a message we
 * wrote (a validation message, or the message for the server's verdict), leave the typed value as
 * it was, render nothing as HTML, and raise no error or Vue warning.
 *
 * The services are fakes that judge like Firebase and the Comfy API do (a malformed address is
 * auth/invalid-email, an unknown key is 401), so this covers what the UI does with any input; the
 * real servers' verdicts on the same inputs are checked in tests/integration/badInput.emulator.test.ts,
 * and a sample goes through a real browser in tests/browser/badInput.browser.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'

import en from '../../locales/en/account.json'
import {
  allowedAnswers,
  badEmails,
  badKeys,
  badSignIns,
  badSignUps,
  GOOD_PASSWORD,
  PWNED,
  type BadInput,
  type Credentials
} from '../../tests/support/badInputs'
import { fakeAccount, fakeServices } from '../../tests/support/fakeServices'
import { field, mountSignedOutSection, settle, type } from '../../tests/support/sectionDom'
import type { AccountStore } from '@/store/accountStore'
import { fail, ok } from '@/types/errors'

const messages = en.comfyAccount
/** Hundreds of renders in happy-dom on a busy machine. */
const BULK_TIMEOUT = 120_000

/** What Firebase accepts as an address, roughly; anything else is auth/invalid-email there too. */
const looksLikeEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email)

async function setup() {
  const { services, firebase } = fakeServices()
  const { store } = fakeAccount(null, {
    firebase: {
      ...firebase.client,
      signInWithEmail: async (email) => fail(looksLikeEmail(email) ? 'invalidCredentials' : 'invalidEmail'),
      createAccount: async (email) => fail(looksLikeEmail(email) ? 'emailInUse' : 'invalidEmail'),
      sendPasswordReset: async (email) => (looksLikeEmail(email) ? ok(undefined) : fail('invalidEmail'))
    },
    comfyApi: { ...services.comfyApi, verifyApiKey: async () => fail('unauthorized') }
  })
  const { root, unmount } = await mountSignedOutSection({ store, firebase })
  return { root, store, section: { unmount } }
}

function click(root: HTMLElement, selector: string, text?: string): void {
  const found = Array.from(root.querySelectorAll<HTMLElement>(selector)).find(
    (element) => text === undefined || element.textContent?.trim() === text
  )
  if (!found) throw new Error(`nothing to click: ${selector} ${text ?? ''}`)
  found.click()
}

/** Every message a form shows: alerts, status lines and the key's format hints. */
function shownMessages(root: HTMLElement): string[] {
  return Array.from(
    root.querySelectorAll('[role="alert"], [role="status"], .ca-hint--error > li, p.ca-hint--error'),
    (element) => element.textContent?.trim() ?? ''
  ).filter((text) => text !== '')
}

/** Injected markup that would mean a value was rendered as HTML. */
function injectedMarkup(root: HTMLElement): string[] {
  const found = Array.from(root.querySelectorAll('img, script, iframe, svg[onload]'), (e) => e.outerHTML)
  for (const element of Array.from(root.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`)
    }
  }
  return found
}

interface Outcome {
  input: string
  problem: string
}

/** Submits the form and checks what the user sees; returns what was wrong, if anything. */
async function submitAndCheck(
  root: HTMLElement,
  store: AccountStore,
  label: string,
  fields: Record<string, string>,
  allowed: readonly string[]
): Promise<Outcome[]> {
  for (const [name, value] of Object.entries(fields)) {
    const input = field(root, name)
    input.value = value
    input.dispatchEvent(new Event('input'))
  }
  await settle()
  const typed = Object.keys(fields).map((name) => field(root, name).value)
  const form = field(root, Object.keys(fields)[0] ?? '').closest('form')
  if (!form) throw new Error('the field is in no form')
  click(form, 'button[type="submit"]')
  await vi.waitFor(() => expect(store.busy).toBeNull(), { interval: 1 })
  await settle()

  const problems: string[] = []
  const shown = shownMessages(form)
  if (shown.length === 0) problems.push('no message at all')
  for (const text of shown) if (!allowed.includes(text)) problems.push(`unexpected message "${text}"`)
  const kept = Object.keys(fields).map((name) => field(root, name).value)
  if (kept.some((value, i) => value !== typed[i])) problems.push('the typed value changed')
  problems.push(...injectedMarkup(root).map((markup) => `rendered as HTML: ${markup.slice(0, 80)}`))
  if ((window as unknown as Record<string, unknown>)[PWNED] !== undefined) problems.push('a payload ran')
  return problems.map((problem) => ({ input: label, problem }))
}

let warnings: MockInstance[] = []

beforeEach(() => {
  warnings = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')]
})

afterEach(() => {
  for (const spy of warnings) {
    expect(spy.mock.calls.map((call) => call.map(String).join(' ').slice(0, 300))).toEqual([])
    spy.mockRestore()
  }
  document.body.innerHTML = ''
})

describe('hostile input in every form', () => {
  it(
    'email sign-in: 300+ inputs, each a message of ours, nothing rendered as HTML',
    async () => {
      const inputs: Credentials[] = badSignIns()
      expect(inputs.length).toBeGreaterThanOrEqual(200)
      const { root, store, section } = await setup()
      const allowed = allowedAnswers.signIn
      const outcomes: Outcome[] = []
      for (const { label, email, password } of inputs) {
        outcomes.push(...(await submitAndCheck(root, store, label, { email, password }, allowed)))
      }
      expect(outcomes).toEqual([])
      section.unmount()
    },
    BULK_TIMEOUT
  )

  it(
    'create account: 300+ inputs, each a message of ours, nothing rendered as HTML',
    async () => {
      const inputs = badSignUps()
      expect(inputs.length).toBeGreaterThanOrEqual(200)
      const { root, store, section } = await setup()
      click(root, 'button', messages.signIn.createAccount)
      await settle()
      const allowed = allowedAnswers.signUp
      const outcomes: Outcome[] = []
      for (const { label, email, password } of inputs) {
        const fields = { email, 'new-password': password, 'confirm-password': password }
        outcomes.push(...(await submitAndCheck(root, store, label, fields, allowed)))
      }
      // And a confirmation that differs only by an invisible character is a mismatch, not a match.
      await type(field(root, 'email'), 'new-user@example.com')
      await type(field(root, 'new-password'), GOOD_PASSWORD)
      await type(field(root, 'confirm-password'), `${GOOD_PASSWORD}\u200b`)
      expect(root.querySelector('p.ca-hint--error')?.textContent?.trim()).toBe(messages.signUp.mismatch)
      expect(outcomes).toEqual([])
      section.unmount()
    },
    BULK_TIMEOUT
  )

  it(
    'reset password: 200+ addresses, each a message of ours, nothing rendered as HTML',
    async () => {
      const inputs: BadInput[] = badEmails()
      expect(inputs.length).toBeGreaterThanOrEqual(200)
      const { root, store, section } = await setup()
      click(root, 'button', messages.signIn.forgotPassword)
      await settle()
      const allowed = allowedAnswers.reset
      const outcomes: Outcome[] = []
      for (const { label, value } of inputs) {
        outcomes.push(...(await submitAndCheck(root, store, label, { email: value }, allowed)))
      }
      expect(outcomes).toEqual([])
      section.unmount()
    },
    BULK_TIMEOUT
  )

  it(
    'API key: 200+ keys, each a format hint or "not accepted", nothing stored, nothing rendered as HTML',
    async () => {
      const inputs = badKeys()
      expect(inputs.length).toBeGreaterThanOrEqual(200)
      const { root, store, section } = await setup()
      click(root, '[role="tab"]', messages.apiKey.tab)
      await settle()
      const allowed = allowedAnswers.apiKey
      const outcomes: Outcome[] = []
      for (const { label, value } of inputs) {
        outcomes.push(...(await submitAndCheck(root, store, label, { 'api-key': value }, allowed)))
      }
      expect(outcomes).toEqual([])
      expect(store.session.status).toBe('signedOut')
      expect(localStorage.getItem('comfy_api_key')).toBeNull()
      expect(sessionStorage.getItem('comfy_api_key')).toBeNull()
      section.unmount()
    },
    BULK_TIMEOUT
  )
})
