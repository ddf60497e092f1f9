/** The dialog's title: what names our <dialog> for assistive tech (one is open at a time). */
export const DIALOG_TITLE_ID = 'comfy-account-dialog-title'

export type DialogOutcome = 'closed' | 'runAnyway' | 'ran'

/** Why partner nodes have no credential: nobody is signed in, or the sign-in cannot be refreshed. */
export type PartnerNodeReason = 'signedOut' | 'credentialUnavailable'
