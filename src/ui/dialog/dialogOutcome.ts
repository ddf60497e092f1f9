/** The dialog's title: what names our <dialog> for assistive tech (one is open at a time). */
export const DIALOG_TITLE_ID = 'comfy-account-dialog-title'

export type DialogOutcome = 'closed' | 'runAnyway' | 'ran'

/**
 * Why partner nodes cannot run: nobody is signed in, the sign-in cannot be refreshed, or the
 * account's last known balance is zero or below.
 */
export type PartnerNodeReason = 'signedOut' | 'credentialUnavailable' | 'noCredits'

/** How a partner node failed on the server, when we explain it (ComfyUI's 402 and 401 messages). */
export type PartnerRunFailure = 'paymentRequired' | 'unauthorized'
