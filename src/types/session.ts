/** How a signed-in user proved who they are. */
export type SignInMethod = 'password' | 'google' | 'github' | 'apiKey'

export interface AccountProfile {
  /** Firebase uid, or the Comfy customer id for API-key sessions. */
  id: string
  email: string | null
  displayName: string | null
  photoUrl: string | null
  emailVerified: boolean
}

/**
 * The one source of truth about who is signed in. "Not restored yet" is its own state so the UI
 * never flashes a sign-in form at someone who is signed in.
 */
export type Session =
  | { status: 'restoring' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; method: SignInMethod; profile: AccountProfile }

export type SessionStatus = Session['status']
