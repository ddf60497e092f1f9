import { ref } from 'vue'

/**
 * What the user typed in the sign-in forms, kept outside the components so that switching
 * settings pages (which unmounts our section) does not lose it. Passwords and keys are not kept.
 */
const email = ref('')
const mode = ref<'signIn' | 'signUp' | 'reset'>('signIn')

export function useSignInDraft() {
  return { email, mode }
}

export function clearSignInDraft(): void {
  email.value = ''
  mode.value = 'signIn'
}
