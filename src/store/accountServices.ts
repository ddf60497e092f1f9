/**
 * The services the store works with, handed to `createAccountStore` once at start-up (and by
 * tests), so the store never builds Firebase or HTTP clients itself.
 */
import type { ApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import type { UserGesture } from '@/auth/apiKey/userGesture'
import type { ComfyApi } from '@/auth/comfyApi/comfyApiClient'
import type { CredentialSource } from '@/auth/credentials/credentialSource'
import type { FirebaseAuthClient } from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/accountConfig'

export interface AccountServices {
  config: AccountConfig
  firebase: FirebaseAuthClient
  comfyApi: ComfyApi
  apiKeys: ApiKeyStorage
  /** Follows who is signed in; the Comfy API client and the prompt wrapper ask it for credentials. */
  credentials: CredentialSource
  /** Tells a log out on ComfyUI's own page from its failed key check. */
  userGesture: UserGesture
  /** ComfyUI ships its own account page (and Firebase instance) next to ours. */
  hostHasAccountPage: boolean
  /** Milliseconds since the epoch; how old a balance is. @default Date.now */
  clock?: () => number
}
