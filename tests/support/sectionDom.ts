/**
 * Driving our section in happy-dom (component tests): find a field, type like a user, and let
 * Vue re-render. Browser tests use Playwright's locators instead.
 */
import { vi } from 'vitest'

import { mountAccountSection } from '../../src/ui/mountAccountSection'

import { fakeAccount } from './fakeServices'

/** Lets Vue's scheduler run (a macrotask), as a browser would between two key presses. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

export function field(root: HTMLElement, name: string): HTMLInputElement {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)
  if (!input) throw new Error(`no ${name} field`)
  return input
}

/** Types like a user: the value lands, then Vue re-renders before the next action. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}

/**
 * The section mounted in a fresh element of the page, on a fake account (`fakeAccount()`, or one
 * with services of the test's own) that has finished restoring with nobody signed in: the
 * sign-in forms show. `unmount` ends it.
 */
export async function mountSignedOutSection(
  { store, firebase }: Pick<ReturnType<typeof fakeAccount>, 'store' | 'firebase'> = fakeAccount()
) {
  const started = store.start()
  firebase.restore()
  await started
  const root = document.body.appendChild(document.createElement('div'))
  const section = await mountAccountSection(root, { store, host: { locale: () => 'en', toast: vi.fn() } })
  await settle()
  return { root, store, unmount: () => section.unmount() }
}
