/**
 * Driving our section in happy-dom (component tests): find a field, type like a user, and let
 * Vue re-render. Browser tests use Playwright's locators instead.
 */
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
