import { useIntervalFn } from '@vueuse/core'
import { computed, ref } from 'vue'

/** A countdown that disables an action for a while (e.g. "resend verification email"). */
export function useCooldown(seconds: number) {
  const remaining = ref(0)
  const { pause, resume } = useIntervalFn(
    () => {
      remaining.value = Math.max(0, remaining.value - 1)
      if (remaining.value === 0) pause()
    },
    1000,
    { immediate: false }
  )
  function start(): void {
    remaining.value = seconds
    resume()
  }
  return { remaining, active: computed(() => remaining.value > 0), start }
}
