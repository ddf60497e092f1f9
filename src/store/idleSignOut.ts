/**
 * "Sign out after N minutes without activity", for shared machines. Off by default. A minute
 * before, the user is warned; any activity (mouse, keys, touch, coming back to the tab) in any
 * tab of this ComfyUI keeps them signed in, since the log out ends the session in all of them. A
 * sign-in starts the clock again. Runs only while someone is signed in.
 */
import { useIdle, useIntervalFn } from '@vueuse/core'
import { effectScope, ref, watch } from 'vue'

import { translate as translateMessage } from '@/i18n/translate'
import type { HostBridge } from '@/types/hostBridge'

import type { AccountStore } from './accountStore'

const MINUTE = 60_000
/** The last activity seen in any tab of this origin (a time, no personal data). */
export const LAST_ACTIVE_STORAGE_KEY = 'comfy-account:last-active'

export interface IdleSignOut {
  /** 0 turns it off. */
  setMinutes(minutes: number): void
  stop(): void
}

export interface IdleSignOutOptions {
  store: AccountStore
  host: HostBridge
  /** For tests. @default Date.now */
  now?: () => number
  /** How often to check. @default 5000 */
  checkEveryMs?: number
  /** @default vue-i18n with our messages in the host's language */
  translate?: (key: string, values: Record<string, unknown>) => Promise<string>
}

/** Storage can throw (private mode, sandboxed frames): the limit then counts this tab only. */
function safely<T>(run: () => T): T | undefined {
  try {
    return run()
  } catch {
    return undefined
  }
}

export function startIdleSignOut({
  store,
  host,
  now = Date.now,
  checkEveryMs = 5000,
  translate = (key, values) => translateMessage(host.locale(), key, values)
}: IdleSignOutOptions): IdleSignOut {
  const scope = effectScope(true)
  const minutes = ref(0)
  scope.run(() => {
    const { lastActive, reset } = useIdle(MINUTE)
    // Shared with the other tabs through localStorage: read and written at each check only.
    const anyTabActive = {
      get value(): number {
        return Number(safely(() => localStorage.getItem(LAST_ACTIVE_STORAGE_KEY))) || 0
      },
      set value(time: number) {
        safely(() => localStorage.setItem(LAST_ACTIVE_STORAGE_KEY, String(time)))
      }
    }
    let warned = false

    async function say(key: string, severity: 'warn' | 'info', life: number): Promise<void> {
      host.toast({ severity, summary: await translate(key, { minutes: minutes.value }), life })
    }

    const { pause, resume } = useIntervalFn(
      () => {
        if (lastActive.value > anyTabActive.value) anyTabActive.value = lastActive.value
        const idleFor = now() - Math.max(lastActive.value, anyTabActive.value)
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

    // A fresh sign-in starts the clock, here and in every other tab.
    watch(
      () => store.isSignedIn,
      (signedIn, before) => {
        if (!signedIn) safely(() => localStorage.removeItem(LAST_ACTIVE_STORAGE_KEY))
        if (!signedIn || before) return
        reset()
        if (minutes.value > 0) anyTabActive.value = now()
      }
    )

    watch(
      () => [store.isSignedIn, minutes.value] as const,
      ([signedIn, limit]) => (signedIn && limit > 0 ? resume() : pause()),
      { immediate: true }
    )
  })

  return {
    setMinutes(value) {
      minutes.value = Number.isFinite(value) && value > 0 ? value : 0
    },
    stop: () => scope.stop()
  }
}
