/**
 * Our own modal (a native <dialog>, so focus, Esc and the backdrop behave as browsers do): the
 * account section outside the settings dialog, and the "partner nodes need a sign-in" prompt.
 */
import { createApp, h } from 'vue'

import { createAccountI18n } from '@/i18n/createAccountI18n'
import type { AccountStore } from '@/store/accountStore'
import type { HostBridge } from '@/types/hostBridge'

import { injectStyles } from '../injectStyles'
import { accountStoreKey } from '../useAccountView'
import { hostKey } from '../useHost'
import AccountDialog from './AccountDialog.vue'
import type { DialogOutcome, PartnerNodeReason } from './dialogOutcome'

export interface AccountDialogOptions {
  store: AccountStore
  host: HostBridge
  /** Display names of partner nodes that need a sign-in; omit to open the account section. */
  partnerNodes?: string[]
  /** What the partner-node prompt says. @default 'signedOut' */
  reason?: PartnerNodeReason
  /** Queues the blocked run again once the user has signed in. */
  rerun?: () => Promise<unknown>
  /** Run "Check my setup" in the section at once. */
  checkSetup?: boolean
}

export async function showAccountDialog({
  store,
  host,
  partnerNodes,
  reason,
  rerun,
  checkSetup
}: AccountDialogOptions): Promise<DialogOutcome> {
  const doc = document
  injectStyles(doc)
  const { i18n } = await createAccountI18n(host.locale())
  const dialog = doc.createElement('dialog')
  dialog.className = 'comfy-account-dialog'
  doc.body.append(dialog)

  return new Promise<DialogOutcome>((resolve) => {
    let outcome: DialogOutcome = 'closed'
    const app = createApp({
      render: () =>
        h(AccountDialog, {
          partnerNodes,
          reason,
          rerun,
          checkSetup,
          onClose: (result: DialogOutcome) => {
            outcome = result
            dialog.close()
          }
        })
    })
    app.use(i18n).provide(hostKey, host).provide(accountStoreKey, store)
    dialog.addEventListener('close', () => {
      app.unmount()
      dialog.remove()
      resolve(outcome)
    })
    app.mount(dialog)
    dialog.showModal()
  })
}
