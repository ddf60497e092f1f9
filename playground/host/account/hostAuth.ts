// The host's auth store (1.24.2 `firebaseAuthStore`, 1.45.0 `authStore`), reduced to what the
// playground's User page, sign-in dialog, Credits page and queue need.
import {
  browserLocalPersistence,
  onAuthStateChanged,
  setPersistence,
  signInWithEmailAndPassword,
  signOut as firebaseSignOut,
  type Auth,
  type User
} from 'firebase/auth'
import { shallowRef, type ShallowRef } from 'vue'

export interface HostAuth {
  /** The host's Firebase user; null until Firebase has restored a session (or when signed out). */
  currentUser: Readonly<ShallowRef<User | null>>
  /** Signs in, then creates the Comfy customer, as the real host's `login` does. */
  signInWithEmail(email: string, password: string): Promise<void>
  signOut(): Promise<void>
  /** The Firebase ID token, or undefined when signed out or the token cannot be had. */
  getIdToken(): Promise<string | undefined>
}

export function createHostAuth(auth: Auth, comfyApiUrl: string): HostAuth {
  // Both real stores do this when created, without waiting for it: it moves a session found in
  // IndexedDB to localStorage, which is where the host's session lives (docs/host-contract.md, "Firebase").
  void setPersistence(auth, browserLocalPersistence)

  const currentUser = shallowRef<User | null>(null)
  onAuthStateChanged(auth, (user) => {
    currentUser.value = user
  })

  async function getIdToken(): Promise<string | undefined> {
    const user = currentUser.value
    if (!user) return undefined
    try {
      return await user.getIdToken()
    } catch (error) {
      // The real host warns (network) or shows an error dialog; either way it queues without a token.
      console.warn('[playground host] could not get a Firebase ID token', error)
      return undefined
    }
  }

  return {
    currentUser,
    getIdToken,
    async signInWithEmail(email, password) {
      await signInWithEmailAndPassword(auth, email, password)
      // The real host's login creates the customer record right away (POST /customers); a failure
      // there does not undo the sign-in, so it only warns here.
      const token = await getIdToken()
      const response = await fetch(`${comfyApiUrl}/customers`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
      }).catch((error: unknown) => error)
      if (!(response instanceof Response) || !response.ok)
        console.warn('[playground host] could not create the Comfy customer after sign-in')
    },
    signOut: () => firebaseSignOut(auth)
  }
}
