import { ref } from 'vue'

import { IDLE_MINUTES_CHOICES, type IdleMinutes } from '@/auth/startup/idleChoices'

import { useHost } from '../useHost'

const messageKeys: Record<IdleMinutes, string> = {
  0: 'comfyAccount.idle.choices.never',
  15: 'comfyAccount.idle.choices.minutes15',
  30: 'comfyAccount.idle.choices.minutes30',
  60: 'comfyAccount.idle.choices.hour1',
  240: 'comfyAccount.idle.choices.hours4'
}

/**
 * "Sign out after inactivity": ComfyUI keeps the choice (a hidden setting of ours) and applies it
 * at once, even when its server could not save it; then the choice lasts until a reload.
 */
export function useIdleSignOutChoice() {
  const idle = useHost().idleSignOut
  const minutes = ref<number>(idle?.minutes() ?? 0)
  const notSaved = ref(false)
  const choices = IDLE_MINUTES_CHOICES.map((value) => ({ value, messageKey: messageKeys[value] }))

  async function choose(): Promise<void> {
    notSaved.value = false
    try {
      await idle?.choose(minutes.value)
    } catch {
      notSaved.value = true
    }
  }

  return { offered: idle !== undefined, minutes, choices, notSaved, choose }
}
