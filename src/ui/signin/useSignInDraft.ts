import { storeToRefs } from 'pinia'

import { useViewStore } from '../useAccountView'

/**
 * What the user typed and chose in the sign-in forms, kept in the store so that switching settings
 * pages (which unmounts our section) does not lose it, and every log out clears it. Passwords and
 * keys are not kept.
 */
export function useSignInDraft() {
  const { draftEmail: email, draftMode: mode, remember } = storeToRefs(useViewStore())
  return { email, mode, remember }
}
