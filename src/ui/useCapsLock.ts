import { ref } from 'vue'

/** Bind `onKey` to a password field's keydown/keyup; `capsLock` says whether Caps Lock is on. */
export function useCapsLock() {
  const capsLock = ref(false)
  function onKey(event: KeyboardEvent): void {
    capsLock.value = event.getModifierState?.('CapsLock') ?? false
  }
  return { capsLock, onKey }
}
