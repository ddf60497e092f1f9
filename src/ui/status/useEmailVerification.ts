import { useEventListener } from '@vueuse/core'
import { storeToRefs } from 'pinia'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

import { useViewStore } from '../useAccountView'
import { useCooldown } from '../useCooldown'

/**
 * The email address of a password account: whether it is verified, a new link (then a cooldown),
 * and noticing the verification when the user comes back from their mail without a reload.
 */
export function useEmailVerification() {
  const store = useViewStore()
  const { profile, method } = storeToRefs(store)
  const { t } = useI18n()
  const cooldown = useCooldown(60)

  /** Only password accounts have an address to verify. */
  const applies = computed(() => method.value === 'password' && Boolean(profile.value?.email))
  const verified = computed(() => profile.value?.emailVerified === true)
  const badge = computed(() =>
    verified.value ? t('comfyAccount.status.verified') : t('comfyAccount.status.notVerified')
  )
  const resendLabel = computed(() =>
    cooldown.active.value
      ? t('comfyAccount.status.resendIn', { seconds: cooldown.remaining.value })
      : t('comfyAccount.status.resend')
  )
  /** Resending waits a while after each link, so the inbox is not flooded. */
  const coolingDown = cooldown.active

  // Coming back from the mail app: pick up a verified address without a reload.
  useEventListener(document, 'visibilitychange', () => {
    if (
      document.visibilityState === 'visible' &&
      profile.value &&
      !profile.value.emailVerified &&
      method.value === 'password'
    ) {
      // A bug must not vanish as an unhandled rejection; a failed check just waits for the next visit.
      store.refreshProfile().catch((error: unknown) => console.error('[ComfyUI-Account]', error))
    }
  })

  /** Sends a new link; `true` when it went out (the button then waits out the cooldown). */
  async function resend(): Promise<boolean> {
    const result = await store.sendVerificationEmail()
    if (result.ok) cooldown.start()
    return result.ok
  }

  return { applies, verified, badge, resendLabel, coolingDown, resend }
}
