import { afterEach, describe, expect, it, vi } from 'vitest'

import { fakeAccount, sessionFor } from '../../../tests/support/fakeServices'
import { settle } from '../../../tests/support/sectionDom'
import type { IdleSignOutChoice } from '@/types/hostBridge'

import { mountAccountSection } from '../mountAccountSection'

async function signedInCard(idleSignOut: IdleSignOutChoice): Promise<HTMLElement> {
  const { store, firebase } = fakeAccount(sessionFor('ada@example.com'))
  const started = store.start()
  firebase.restore()
  await started
  const root = document.body.appendChild(document.createElement('div'))
  await mountAccountSection(root, { store, host: { locale: () => 'en', toast: vi.fn(), idleSignOut } })
  await settle()
  return root
}

function choice(root: HTMLElement): HTMLSelectElement {
  const select = root.querySelector<HTMLSelectElement>('select[name="idle-sign-out"]')
  if (!select) throw new Error('no idle sign-out choice')
  return select
}

async function pick(select: HTMLSelectElement, label: string): Promise<void> {
  const option = Array.from(select.options).find((o) => o.text.trim() === label)
  if (!option) throw new Error(`no option "${label}"`)
  select.value = option.value
  select.dispatchEvent(new Event('change'))
  await settle()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the idle sign-out choice in the status card', () => {
  it('shows the stored choice under its label, and hands a new one to ComfyUI', async () => {
    const chosen: number[] = []
    const root = await signedInCard({ minutes: () => 60, choose: async (m) => void chosen.push(m) })
    const select = choice(root)
    expect(root.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Sign out after inactivity')
    expect(select.selectedOptions[0]?.text.trim()).toBe('1 hour')
    expect(Array.from(select.options, (o) => o.text.trim())).toEqual([
      'Never',
      '15 minutes',
      '30 minutes',
      '1 hour',
      '4 hours'
    ])

    await pick(select, '15 minutes')
    expect(chosen).toEqual([15])
    expect(root.querySelector('[role="alert"]')).toBeNull()
  })

  it('says when ComfyUI could not save the choice, and keeps it shown', async () => {
    const root = await signedInCard({
      minutes: () => 0,
      choose: () => Promise.reject(new TypeError('Failed to fetch'))
    })
    await pick(choice(root), '30 minutes')
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toContain(
        'ComfyUI could not save this choice'
      )
    )
    expect(root.textContent).not.toContain('Failed to fetch')
    expect(choice(root).selectedOptions[0]?.text.trim()).toBe('30 minutes')
  })
})
