/**
 * "Sign out after N minutes without activity", for shared machines. Off by default. A minute
 * before, the user is warned; any activity (mouse, keys, touch, coming back to the tab) keeps
 * them signed in. Runs only while someone is signed in.
 */
import { useIdle, useIntervalFn } from '@vueuse/core'
import type { Pinia } from 'pinia'
import { effectScope, ref, watch } from 'vue'

import { createAccountI18n } from '@/i18n/createAccountI18n'
import { useAccountStore } from '@/store/accountStore'
import type { HostBridge } from '@/types/host'

export const IDLE_SIGN_OUT_CHOICES = [0, 15, 30, 60, 240] as const
const MINUTE = 60_000

export interface IdleSignOut {
  setMinutes(minutes: unknown): void
  stop(): void
}

export interface IdleSignOutOptions {
  pinia: Pinia
  host: HostBridge
  /** For tests. @default Date.now */
  now?: () => number
  /** How often to check. @default 5000 */
  checkEveryMs?: number
  /** @default vue-i18n with our messages in the host's language */
  translate?: (key: string, values: Record<string, unknown>) => Promise<string>
}

async function translateWithOurMessages(host: HostBridge, key: string, values: Record<string, unknown>) {
  const { i18n } = await createAccountI18n(host.locale())
  return i18n.global.t(key, values)
}

export function startIdleSignOut({
  pinia,
  host,
  now = Date.now,
  checkEveryMs = 5000,
  translate = (key, values) => translateWithOurMessages(host, key, values)
}: IdleSignOutOptions): IdleSignOut {
  const scope = effectScope(true)
  const minutes = ref(0)
  scope.run(() => {
    const store = useAccountStore(pinia)
    const { lastActive } = useIdle(MINUTE)
    let warned = false

    async function say(key: string, severity: 'warn' | 'info', life: number): Promise<void> {
      host.toast({ severity, summary: await translate(key, { minutes: minutes.value }), life })
    }

    const { pause, resume } = useIntervalFn(
      () => {
        const idleFor = now() - lastActive.value
        const limit = minutes.value * MINUTE
        if (idleFor >= limit) {
          pause()
          warned = false
          store.signOut().then(() => say('comfyAccount.idle.signedOut', 'info', 10_000), console.error)
        } else if (idleFor >= limit - MINUTE && !warned) {
          warned = true
          say('comfyAccount.idle.warning', 'warn', MINUTE).catch(console.error)
        } else if (idleFor < limit - MINUTE) {
          warned = false
        }
      },
      checkEveryMs,
      { immediate: false }
    )

    watch(
      () => [store.isSignedIn, minutes.value] as const,
      ([signedIn, limit]) => (signedIn && limit > 0 ? resume() : pause()),
      { immediate: true }
    )
  })

  return {
    setMinutes(value) {
      const wanted = Number(value)
      minutes.value = IDLE_SIGN_OUT_CHOICES.some((choice) => choice === wanted) ? wanted : 0
    },
    stop: () => scope.stop()
  }
}
