/**
 * Mounts the account section with its own Vue runtime. We never hand components or refs to the
 * host's Vue (docs/host-contract.md, "Loading": newer hosts have no import map, so the two runtimes share nothing).
 */
import { createApp, nextTick, ref } from 'vue'

import { createAccountI18n } from '@/i18n/createAccountI18n'
import type { AccountStore } from '@/store/accountStore'
import type { HostBridge } from '@/types/hostBridge'

import AccountSection from './AccountSection.vue'
import type { FirstPaint } from './firstPaint/showFirstPaint'
import { takeOver } from './firstPaint/takeOver'
import { hostKey } from './useHost'
import { injectStyles } from './injectStyles'
import { accountStoreKey } from './useAccountView'
import { concealKey } from './useSecret'

export interface MountedSection {
  setLocale(tag: unknown): Promise<void>
  /** Empties typed secrets (useSecret): the section has left the page but stays mounted a while. */
  conceal(): void
  unmount(): void
}

/**
 * Mounts the section into `target`. Over a first paint (firstPaint/), Vue renders off the page and
 * then takes its place, keeping what the user typed, so the switch is invisible.
 */
export async function mountAccountSection(
  target: HTMLElement,
  { store, host, firstPaint }: { store: AccountStore; host: HostBridge; firstPaint?: FirstPaint }
): Promise<MountedSection> {
  injectStyles(target.ownerDocument)
  const { i18n, setLocale } = await createAccountI18n(host.locale())
  const app = createApp(AccountSection)
  // The store comes ready-made: components reach it through the view-model, never through Pinia.
  app.provide(accountStoreKey, store)
  app.use(i18n)
  app.provide(hostKey, host)
  const concealed = ref(0)
  app.provide(concealKey, concealed)
  // The app's own element, always: over a first paint it is rendered off the page first.
  const container = target.ownerDocument.createElement('div')
  container.className = 'comfy-account-app'
  app.mount(container)
  const painted = firstPaint?.section.parentElement === target ? firstPaint : undefined
  if (painted) {
    const replayActions = takeOver(painted.section, container, painted.pending)
    // A submit replayed at once would read the form's model before Vue has applied the copied text.
    await nextTick()
    replayActions()
  } else {
    firstPaint?.pending.stop()
    target.replaceChildren(container)
  }
  return {
    setLocale,
    conceal: () => {
      concealed.value++
    },
    unmount: () => {
      app.unmount()
      container.remove()
    }
  }
}
