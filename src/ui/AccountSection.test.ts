import { afterEach, describe, expect, it, vi } from 'vitest'

import { fakeAccount, sessionFor } from '../../tests/support/fakeServices'
import { field, settle, type } from '../../tests/support/sectionDom'

import { mountAccountSection } from './mountAccountSection'

async function setup({ initial = null as ReturnType<typeof sessionFor> | null, locale = 'en' } = {}) {
  const fakes = fakeAccount(initial)
  const { store } = fakes
  const started = store.start()
  const root = document.body.appendChild(document.createElement('div'))
  const host = { locale: () => locale, toast: vi.fn() }
  const section = await mountAccountSection(root, { store, host })
  return { ...fakes, started, root, section }
}

function button(root: HTMLElement, label: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll<HTMLButtonElement>('button:not([role="tab"])')).find(
    (b) => b.textContent?.trim() === label
  )
  if (!found) throw new Error(`no button "${label}"`)
  return found
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the account section', () => {
  it('shows "checking" while restoring, not the sign-in form', async () => {
    const { root, firebase, started } = await setup()
    expect(root.textContent).toContain('Checking whether you are signed in')
    expect(root.querySelector('input[name="email"]')).toBeNull()
    firebase.restore()
    await started
    await settle()
    expect(root.querySelector('input[name="email"]')).not.toBeNull()
  })

  it('signs in with email and shows the status card, then logs out', async () => {
    const { root, firebase, started } = await setup()
    firebase.restore()
    await started
    await settle()
    await type(field(root, 'email'), 'ada@example.com')
    await type(field(root, 'password'), 'correct horse')
    button(root, 'Sign in').click()
    await vi.waitFor(() => expect(root.querySelector('[data-testid="comfy-account-status"]')).not.toBeNull())
    expect(root.textContent).toContain('ada@example.com')
    expect(root.textContent).toContain('Email and password')
    expect(root.querySelector('[data-testid="comfy-account-credits"]')?.textContent).toBe('$5.00')

    button(root, 'Log out').click()
    await vi.waitFor(() => expect(root.querySelector('input[name="email"]')).not.toBeNull())
  })

  it('shows a translated message and keeps the typed email on a wrong password', async () => {
    const { root, firebase, started } = await setup()
    firebase.restore()
    await started
    await settle()
    await type(field(root, 'email'), 'ada@example.com')
    await type(field(root, 'password'), 'nope')
    button(root, 'Sign in').click()
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull())
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The email or password is not right')
    expect(field(root, 'email').value).toBe('ada@example.com')
  })

  it('asks for both fields before calling Firebase', async () => {
    const { root, firebase, started } = await setup()
    firebase.restore()
    await started
    await settle()
    button(root, 'Sign in').click()
    await settle()
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Enter your email and password')
    expect(firebase.client.signInWithEmail).not.toHaveBeenCalled()
  })

  it('unmounts cleanly', async () => {
    const { root, section } = await setup({ initial: sessionFor('ada@example.com') })
    section.unmount()
    expect(root.innerHTML).toBe('')
  })
})
