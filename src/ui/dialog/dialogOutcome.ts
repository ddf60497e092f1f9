export type DialogOutcome = 'closed' | 'runAnyway' | 'ran'

/** Why partner nodes have no credential: nobody is signed in, or the sign-in cannot be refreshed. */
export type PartnerNodeReason = 'signedOut' | 'credentialUnavailable'
