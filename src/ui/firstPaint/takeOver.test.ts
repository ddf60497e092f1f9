import { afterEach, describe, expect, it, vi } from 'vitest'

import { loadAccountMessages } from '@/i18n/startup/accountMessages'

import { fakeAccount } from '../../../tests/support/fakeServices'
import { field, settle, type } from '../../../tests/support/sectionDom'
import { mountAccountSection } from '../mountAccountSection'
import { paintFirstState } from './paintFirstState'
import { holdActions } from './takeOver'

/** The section as the first paint draws it, then Vue taking over once the test has used it. */
async function paintThenTakeOver() {
  const root = document.body.appendChild(document.createElement('div'))
  const messages = await loadAccountMessages('en')
  const section = paintFirstState(root, { messages, fallback: messages, dir: 'ltr', restoring: false })!
  const firstPaint = { section, pending: holdActions(section) }
  const fakes = fakeAccount(null)
  void fakes.store.start({ nothingStored: true })
  const takeOver = async () => {
    await mountAccountSection(root, {
      store: fakes.store,
      host: { locale: () => 'en', toast: vi.fn() } as never,
      firstPaint
    })
    await settle()
  }
  return { root, section, takeOver, ...fakes }
}

function helpToggle(root: HTMLElement): HTMLButtonElement {
  return root.querySelector<HTMLButtonElement>('.ca-help-toggle')!
}

function buttonNamed(root: HTMLElement, label: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)
  if (!found) throw new Error(`no button "${label}"`)
  return found
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('Vue taking over the first paint', () => {
  it('keeps what was typed and chosen, and where the caret was', async () => {
    const { root, section, takeOver, store } = await paintThenTakeOver()
    field(root, 'email').value = 'ada@example.com'
    field(root, 'password').value = 'correct horse'
    field(root, 'remember').checked = false
    helpToggle(root).click()
    field(root, 'password').focus()
    field(root, 'password').setSelectionRange(3, 3)

    await takeOver()

    expect(root.contains(section)).toBe(false)
    expect(field(root, 'email').value).toBe('ada@example.com')
    expect(store.draftEmail).toBe('ada@example.com')
    expect(field(root, 'password').value).toBe('correct horse')
    expect(store.remember).toBe(false)
    expect(helpToggle(root).getAttribute('aria-expanded')).toBe('true')
    expect(root.querySelectorAll('.ca-help li')).toHaveLength(7)
    expect(document.activeElement).toBe(field(root, 'password'))
    expect(field(root, 'password').selectionStart).toBe(3)
  })

  it('signs in when "Sign in" was pressed before Vue was there, with what was typed', async () => {
    const { root, takeOver, firebase } = await paintThenTakeOver()
    field(root, 'email').value = 'ada@example.com'
    field(root, 'password').value = 'correct horse'
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click()

    await takeOver()

    await vi.waitFor(() => expect(root.querySelector('[data-testid="comfy-account-status"]')).not.toBeNull())
    expect(firebase.client.signInWithEmail).toHaveBeenCalledWith('ada@example.com', 'correct horse', {
      remember: true
    })
  })

  it('does what a link pressed early asks, and a form submitted early never reloads the page', async () => {
    const { root, takeOver } = await paintThenTakeOver()
    buttonNamed(root, 'Create an account').click()
    const submit = new Event('submit', { cancelable: true, bubbles: true })
    root.querySelector('form')!.dispatchEvent(submit)
    expect(submit.defaultPrevented).toBe(true)

    await takeOver()

    expect(field(root, 'new-password').autocomplete).toBe('new-password')
  })

  it('draws "Trouble signing in?" only once opened; a link in it pressed early still works', async () => {
    const { root, takeOver } = await paintThenTakeOver()
    expect(root.querySelector('.ca-help li')).toBeNull()
    helpToggle(root).click()
    expect(root.querySelectorAll('.ca-help li')).toHaveLength(7)
    buttonNamed(root, 'Use a Comfy API key instead').click()

    await takeOver()

    expect(helpToggle(root).getAttribute('aria-expanded')).toBe('true')
    expect(root.querySelectorAll('.ca-help li')).toHaveLength(7)
    expect(field(root, 'api-key').checkVisibility()).toBe(true)
  })

  it('keeps keyboard focus on a link in "Trouble signing in?", opened before Vue was there', async () => {
    const { root, section, takeOver } = await paintThenTakeOver()
    helpToggle(root).click()
    root.querySelector<HTMLAnchorElement>('.ca-help a')!.focus()

    await takeOver()

    expect(root.contains(section)).toBe(false)
    expect(document.activeElement).toBe(root.querySelector('.ca-help a'))
  })

  it('gives up the first paint when the user is already elsewhere: Vue draws into the root', async () => {
    const { root, section, takeOver } = await paintThenTakeOver()
    section.remove()
    await takeOver()
    expect(root.querySelector('section.comfy-account')).not.toBeNull()
    await type(field(root, 'email'), 'x@example.com')
  })
})
