/**
 * The two ways a sign-in form shows what is wrong with its input: as of the last submit (sign-in,
 * reset), or, once the user has tried, as they type (create account).
 */
import { afterEach, describe, expect, it } from 'vitest'

import en from '../../../locales/en/account.json'
import { mountSignedOutSection, settle } from '../../../tests/support/sectionDom'

const unmount: Array<() => void> = []

async function setup() {
  const { root, store, unmount: stop } = await mountSignedOutSection()
  unmount.push(stop)
  return { root, store }
}

async function type(root: HTMLElement, name: string, value: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)
  if (!input) throw new Error(`no ${name} field`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}

async function submit(root: HTMLElement): Promise<void> {
  root.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click()
  await settle()
}

const alert = (root: HTMLElement) => root.querySelector('[role="alert"]')?.textContent?.trim() ?? ''

afterEach(() => {
  unmount.splice(0).forEach((stop) => stop())
  document.body.innerHTML = ''
})

describe('what a sign-in form says about its input', () => {
  it('sign-in: keeps the problem found at the submit until the next one', async () => {
    const { root } = await setup()
    await submit(root)
    expect(alert(root)).toBe(en.comfyAccount.signIn.missingFields)
    await type(root, 'email', 'ada@example.com')
    await type(root, 'password', 'correct horse')
    expect(alert(root)).toBe(en.comfyAccount.signIn.missingFields)
  })

  it('create account: follows the input once tried, and forgets an earlier verdict', async () => {
    const { root, store } = await setup()
    store.draftMode = 'signUp'
    store.lastError = { action: 'signUp', kind: 'emailInUse' }
    await settle()
    expect(alert(root)).toBe('') // not tried in this form yet
    await type(root, 'email', 'new@example.com')
    await type(root, 'new-password', 'short')
    await submit(root)
    expect(alert(root)).toBe(en.comfyAccount.signUp.weak)
    await type(root, 'new-password', 'Correct-horse-7')
    expect(alert(root)).toBe(en.comfyAccount.signUp.mismatch)
    await type(root, 'confirm-password', 'Correct-horse-7')
    expect(alert(root)).toBe('')
  })
})
