/**
 * Hands the first paint (paintFirstState.ts) over to the Vue-rendered section without losing what
 * the user already did there: typed text, the checkbox, an open disclosure, focus and the caret,
 * and a button pressed or a form submitted before Vue was ready (done again on Vue's twin). The two
 * trees have the same shape, so an element's twin is the one at the same child-index path.
 */

/** Clicks and submits waiting for Vue, by their target's path. */
export interface PendingActions {
  stop(): Array<{ kind: 'click' | 'submit'; path: number[] }>
}

function pathOf(node: Element, top: Element): number[] | undefined {
  const path: number[] = []
  for (let at: Element = node; at !== top;) {
    const parent = at.parentElement
    if (!parent) return undefined
    path.unshift(Array.prototype.indexOf.call(parent.children, at))
    at = parent
  }
  return path
}

function atPath(top: Element, path: number[]): Element | undefined {
  let at: Element | undefined = top
  for (const index of path) at = at?.children[index]
  return at
}

/**
 * Starts keeping the clicks on buttons and the submits in `painted` for Vue. A submit must not
 * reach the browser: the form has no handler yet and would reload ComfyUI's page.
 */
export function holdActions(painted: HTMLElement): PendingActions {
  const pending: Array<{ kind: 'click' | 'submit'; path: number[] }> = []
  const onClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest('button')
    if (!button || !painted.contains(button)) return
    // A disclosure works in the first paint itself; its state is carried over below.
    if (button.hasAttribute('aria-expanded')) return
    event.preventDefault() // a submit button's click is replayed whole on Vue's twin
    const path = pathOf(button, painted)
    if (path) pending.push({ kind: 'click', path })
  }
  const onSubmit = (event: Event) => {
    event.preventDefault()
    const path = pathOf(event.target as Element, painted)
    if (path) pending.push({ kind: 'submit', path })
  }
  painted.addEventListener('click', onClick, true)
  painted.addEventListener('submit', onSubmit, true)
  return {
    stop() {
      painted.removeEventListener('click', onClick, true)
      painted.removeEventListener('submit', onSubmit, true)
      return pending
    }
  }
}

/**
 * Puts `app` (the element Vue rendered the section into) where `painted` is, carrying the user's
 * input and focus over to its section. Returns what replays the held actions: call it once Vue
 * has rendered what the copied input changed.
 */
export function takeOver(painted: HTMLElement, app: HTMLElement, pending: PendingActions): () => void {
  const live = app.firstElementChild
  if (!(live instanceof HTMLElement)) throw new Error('The app rendered no section to take over with.')
  const actions = pending.stop()
  const focused = painted.ownerDocument.activeElement
  let focusPath: number[] | undefined
  let caret: [number | null, number | null] | undefined

  for (const element of painted.querySelectorAll('input, [aria-expanded]')) {
    const path = pathOf(element, painted)
    const twin = path && atPath(live, path)
    if (!twin || twin.tagName !== element.tagName) continue
    if (element instanceof HTMLInputElement && twin instanceof HTMLInputElement) {
      if (element.type === 'checkbox' && twin.checked !== element.checked) {
        twin.checked = element.checked
        twin.dispatchEvent(new Event('change'))
      } else if (element.type !== 'checkbox' && element.value !== '') {
        twin.value = element.value
        twin.dispatchEvent(new Event('input'))
      }
    } else if (
      twin instanceof HTMLElement &&
      twin.hasAttribute('aria-expanded') &&
      element.getAttribute('aria-expanded') !== twin.getAttribute('aria-expanded')
    ) {
      // Vue draws the disclosed content before the held clicks are replayed, some of them in it.
      twin.click()
    }
  }
  if (focused instanceof Element && painted.contains(focused)) {
    focusPath = pathOf(focused, painted)
    // Email and checkbox inputs have no caret (selectionStart is null).
    if (focused instanceof HTMLInputElement && focused.selectionStart !== null) {
      caret = [focused.selectionStart, focused.selectionEnd]
    }
  }

  painted.replaceWith(app)

  const refocus = (): boolean => {
    const twin = focusPath && atPath(live, focusPath)
    if (!(twin instanceof HTMLElement)) return false
    twin.focus({ preventScroll: true })
    if (caret && twin instanceof HTMLInputElement) twin.setSelectionRange(caret[0], caret[1])
    return true
  }
  // Focus in a disclosed list has no twin until Vue has drawn the list: try again then.
  const focusedNow = refocus()
  return () => {
    if (!focusedNow) refocus()
    for (const { kind, path } of actions) {
      const twin = atPath(live, path)
      if (kind === 'click' && twin instanceof HTMLElement) twin.click()
      if (kind === 'submit' && twin instanceof HTMLFormElement) twin.requestSubmit()
    }
  }
}
