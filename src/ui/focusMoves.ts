/**
 * Where keyboard focus goes when our UI changes under it. Only ever when focus was lost (the
 * element the user was on was removed: a link that switched forms, a sign-in form replaced by
 * the status card), never away from something the user chose, such as the host's settings nav.
 */
import { onMounted, type Ref } from 'vue'

/** Focus is on nothing a user put it on: the page itself, as after its element was removed. */
export function focusIsLost(doc: Document = document): boolean {
  const active = doc.activeElement
  return active === null || active === doc.body || active === doc.documentElement
}

/**
 * On mount, takes the focus the change lost: `target` gives the element (a form's first field,
 * the status card). Keyboard and screen-reader users then go on from where the new content starts.
 */
export function useFocusOnArrival(target: Ref<HTMLElement | null> | (() => HTMLElement | null)): void {
  onMounted(() => {
    const element = typeof target === 'function' ? target() : target.value
    if (element && focusIsLost(element.ownerDocument)) element.focus()
  })
}

/**
 * Gives focus back to `element` when a dialog of ours closes, as soon as it can take it (the
 * host keeps its Run button disabled until it has our answer), unless the user has put focus
 * somewhere meanwhile. Gives up after about a second.
 */
export function returnFocus(element: Element | null, tries = 20): void {
  if (!(element instanceof HTMLElement) || !element.isConnected) return
  if (!focusIsLost(element.ownerDocument)) return
  element.focus()
  if (element.ownerDocument.activeElement !== element && tries > 0) {
    setTimeout(() => returnFocus(element, tries - 1), 50)
  }
}

/** The first field of a form, for `useFocusOnArrival`. */
export function firstField(form: HTMLElement | null): HTMLElement | null {
  return form?.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled)') ?? null
}

/**
 * After a submit that did not go through, what the user has to read: the form's alert (focusable
 * with tabindex -1), else its first field marked invalid.
 */
export function focusProblem(form: HTMLElement | null): void {
  const target =
    form?.querySelector<HTMLElement>('[role="alert"][tabindex]') ??
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')
  target?.focus()
}
