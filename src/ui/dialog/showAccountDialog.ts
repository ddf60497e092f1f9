/**
 * Our own modal (a native <dialog>, so focus, Esc and the backdrop behave as browsers do): the
 * account section outside the settings dialog, the "partner nodes need a sign-in" or "... need
 * credits" prompt before a run, and the explanation of a partner node's 402 or 401 after one.
 */
import { createApp, h } from 'vue'

import { createAccountI18n } from '@/i18n/createAccountI18n'
import type { AccountStore } from '@/store/accountStore'
import type { HostBridge } from '@/types/hostBridge'

import { returnFocus } from '../focusMoves'
import { injectStyles } from '../injectStyles'
import { accountStoreKey } from '../useAccountView'
import { hostKey } from '../useHost'
import AccountDialog from './AccountDialog.vue'
import {
  DIALOG_TITLE_ID,
  type DialogOutcome,
  type PartnerNodeReason,
  type PartnerRunFailure
} from './dialogOutcome'

export interface AccountDialogOptions {
  store: AccountStore
  host: HostBridge
  /** Display names of partner nodes that need a sign-in; omit to open the account section. */
  partnerNodes?: string[]
  /** What the partner-node prompt says. @default 'signedOut' */
  reason?: PartnerNodeReason
  /** Queues the blocked run again once the user has signed in. */
  rerun?: () => Promise<unknown>
  /** Explains why a partner node (`partnerNodes`, when known) failed on the server. */
  runFailure?: PartnerRunFailure
  /** Where focus goes back to when the dialog closes. @default what has focus when it is asked for */
  returnFocusTo?: Element | null
  /** Run "Check my setup" in the section at once. */
  checkSetup?: boolean
}

export async function showAccountDialog({
  store,
  host,
  partnerNodes,
  reason,
  rerun,
  runFailure,
  returnFocusTo = document.activeElement,
  checkSetup
}: AccountDialogOptions): Promise<DialogOutcome> {
  const doc = document
  injectStyles(doc)
  const { i18n } = await createAccountI18n(host.locale())
  const dialog = doc.createElement('dialog')
  dialog.className = 'comfy-account-dialog'
  dialog.setAttribute('aria-labelledby', DIALOG_TITLE_ID)
  doc.body.append(dialog)

  return new Promise<DialogOutcome>((resolve) => {
    let outcome: DialogOutcome = 'closed'
    const app = createApp({
      render: () =>
        h(AccountDialog, {
          partnerNodes,
          reason,
          rerun,
          runFailure,
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
      returnFocus(returnFocusTo)
    })
    app.mount(dialog)
    dialog.showModal()
  })
}
