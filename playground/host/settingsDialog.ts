// Open/closed state of the settings dialog. Closing unmounts its content (as in ComfyUI), so
// function-type settings are re-rendered from scratch on every opening.
import { ref, shallowRef } from 'vue'

export function createSettingsDialogState() {
  const visible = ref(false)
  /** Which nav entry to show on the next opening/request: key, raw or translated label. */
  const request = shallowRef<{ category?: string } | null>(null)
  return {
    visible,
    request,
    open(category?: string): void {
      request.value = { category }
      visible.value = true
    },
    close(): void {
      visible.value = false
    }
  }
}

export type SettingsDialogState = ReturnType<typeof createSettingsDialogState>
