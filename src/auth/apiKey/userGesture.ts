/**
 * Is the page handling a click or a key press right now?
 *
 * ComfyUI's own key store removes `comfy_api_key` in two situations that look the same from
 * outside: the user logged out on ComfyUI's page, or its check of the key failed (an outage
 * included). A log out happens inside the task of the click (or key press) that asked for it:
 * ComfyUI clears the key synchronously in the handler and VueUse writes storage in the
 * microtasks right after. A failed check happens when a network answer arrives, which is always a
 * later task. So "removed while a trusted input event is being handled" means "asked for by the
 * user" (docs/host-contract.md, "The Comfy API key").
 */

const INPUT_EVENTS = ['pointerdown', 'pointerup', 'click', 'keydown', 'keyup'] as const

export interface UserGestureOptions {
  /** @default window (none outside a browser: then no gesture is ever in progress) */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  /** Runs `done` once the current task (and its microtasks) has finished. @default setTimeout 0 */
  afterTask?: (done: () => void) => void
}

export interface UserGesture {
  /** True from a trusted input event until the end of its task. */
  inProgress(): boolean
  stop(): void
}

export function watchUserGestures({
  target = globalThis.window,
  afterTask = (done) => setTimeout(done, 0)
}: UserGestureOptions = {}): UserGesture {
  let active = false
  if (!target) return { inProgress: () => false, stop: () => undefined }
  const onInput = (event: Event): void => {
    // Script can dispatch look-alike events; only the browser's own count as the user's.
    if (!event.isTrusted || active) return
    active = true
    afterTask(() => (active = false))
  }
  const options = { capture: true, passive: true } as const
  for (const name of INPUT_EVENTS) target.addEventListener(name, onInput, options)
  return {
    inProgress: () => active,
    stop: () => {
      for (const name of INPUT_EVENTS) target.removeEventListener(name, onInput, options)
    }
  }
}
