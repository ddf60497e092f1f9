/**
 * What a screen reader and a password manager get from the sign-in forms: the purpose of every
 * field, errors tied to the field they are about, busy buttons that say so, and the password
 * rules said as they are met. (The browser tests check focus and the axe-core audit.)
 */
import { afterEach, describe, expect, it } from 'vitest'

import en from '../../locales/en/account.json'
import { field, mountSignedOutSection, settle, type } from '../../tests/support/sectionDom'

const unmount: Array<() => void> = []

async function signedOutSection() {
  const { root, store, unmount: stop } = await mountSignedOutSection()
  unmount.push(stop)
  return { root, store }
}

function button(root: HTMLElement, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)
  if (!found) throw new Error(`no "${text}" button`)
  return found
}

function submitButton(root: HTMLElement): HTMLButtonElement {
  const found = root.querySelector<HTMLButtonElement>('form button[type="submit"]')
  if (!found) throw new Error('no submit button')
  return found
}

/** The ids an element's aria-describedby names, resolved to their text. */
function description(root: HTMLElement, element: Element): string[] {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map(
      (id) =>
        root.querySelector(`[id="${id}"]`)?.textContent?.replace(/\s+/gu, ' ').trim() ?? `missing #${id}`
    )
}

afterEach(() => {
  unmount.splice(0).forEach((stop) => stop())
  document.body.innerHTML = ''
})

describe('fields a password manager and a screen reader understand', () => {
  it('every field has a label and the autocomplete of its purpose', async () => {
    const { root, store } = await signedOutSection()
    const purposes = () =>
      [...root.querySelectorAll('input:not([type="checkbox"])')].map((input) => [
        input.getAttribute('name'),
        input.getAttribute('autocomplete'),
        input.closest('label')?.querySelector('.ca-label')?.textContent?.trim() ?? null
      ])
    // Sign-in: the address is the account's user name, which is what password managers look for.
    expect(purposes()).toEqual([
      ['email', 'username', en.comfyAccount.signIn.email],
      ['password', 'current-password', en.comfyAccount.signIn.password]
    ])
    store.draftMode = 'signUp'
    await settle()
    expect(purposes()).toEqual([
      ['email', 'email', en.comfyAccount.signIn.email],
      ['new-password', 'new-password', en.comfyAccount.signIn.password],
      ['confirm-password', 'new-password', en.comfyAccount.signUp.confirm]
    ])
    store.draftMode = 'reset'
    await settle()
    expect(purposes()).toEqual([['email', 'username', en.comfyAccount.signIn.email]])
    button(root, en.comfyAccount.apiKey.tab).click()
    await settle()
    expect(purposes()).toContainEqual(['api-key', 'off', en.comfyAccount.apiKey.label])
  })

  it('a failed sign-in marks the fields it is about and ties them to the alert', async () => {
    const { root } = await signedOutSection()
    await type(field(root, 'email'), 'ada@example.com')
    submitButton(root).click()
    await settle()
    const alert = root.querySelector('[role="alert"]')
    expect(alert?.textContent?.trim()).toBe(en.comfyAccount.signIn.missingFields)
    // Only the empty field is wrong; the alert is what it is described by.
    expect(field(root, 'email').getAttribute('aria-invalid')).toBeNull()
    expect(field(root, 'password').getAttribute('aria-invalid')).toBe('true')
    expect(description(root, field(root, 'password'))).toEqual([en.comfyAccount.signIn.missingFields])
    expect(alert?.getAttribute('tabindex')).toBe('-1')
  })

  it('create account: the password is described by its rules, each said as it is met', async () => {
    const { root, store } = await signedOutSection()
    store.draftMode = 'signUp'
    await settle()
    const password = field(root, 'new-password')
    expect(description(root, password)[0]).toContain(en.comfyAccount.signUp.rules.length)
    const live = root.querySelector('[aria-live="polite"]')
    expect(live?.textContent).toBe('')

    await type(password, 'a')
    expect(live?.textContent).toBe(`${en.comfyAccount.signUp.rules.lower} ${en.comfyAccount.signUp.ruleMet}`)
    await type(password, 'a1')
    expect(live?.textContent).toBe(`${en.comfyAccount.signUp.rules.digit} ${en.comfyAccount.signUp.ruleMet}`)
    await type(password, '1')
    expect(live?.textContent).toBe(
      `${en.comfyAccount.signUp.rules.lower} ${en.comfyAccount.signUp.ruleUnmet}`
    )

    await type(field(root, 'confirm-password'), '2')
    expect(description(root, field(root, 'confirm-password'))).toEqual([en.comfyAccount.signUp.mismatch])
  })

  it('a busy button says so, in its name and with aria-busy', async () => {
    const { root, store } = await signedOutSection()
    const submit = submitButton(root)
    store.busy = 'signIn'
    await settle()
    expect(submit.getAttribute('aria-busy')).toBe('true')
    expect(submit.disabled).toBe(true)
    expect(submit.textContent?.replace(/\s+/gu, ' ').trim()).toBe(
      `${en.comfyAccount.signIn.submit} ${en.comfyAccount.a11y.busy}`
    )
    expect(submit.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true')
  })
})
