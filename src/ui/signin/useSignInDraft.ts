import { storeToRefs } from 'pinia'

import { useAccountStore } from '@/store/accountStore'

/**
 * What the user typed in the sign-in forms, kept in the store so that switching settings pages
 * (which unmounts our section) does not lose it, and every log out clears it. Passwords and keys
 * are not kept.
 */
export function useSignInDraft() {
  const { draftEmail: email, draftMode: mode } = storeToRefs(useAccountStore())
  return { email, mode }
}
