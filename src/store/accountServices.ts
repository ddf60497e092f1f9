/**
 * The services the store works with, handed in once at start-up (and by tests), so the store
 * never builds Firebase or HTTP clients itself.
 */
import type { ApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import type { UserGesture } from '@/auth/apiKey/userGesture'
import type { ComfyApiClient } from '@/auth/comfyApi/comfyApiClient'
import type { FirebaseAuthClient } from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/target'

export interface AccountServices {
  config: AccountConfig
  firebase: FirebaseAuthClient
  comfyApi: ComfyApiClient
  apiKeys: ApiKeyStorage
  /** Tells a log out on ComfyUI's own page from its failed key check. */
  userGesture: UserGesture
  /** ComfyUI ships its own account page (and Firebase instance) next to ours. */
  hostHasAccountPage: boolean
}

let current: AccountServices | undefined

export function provideAccountServices(services: AccountServices): void {
  current = services
}

export function accountServices(): AccountServices {
  if (!current) {
    throw new Error(
      'ComfyUI-Account: no services yet. Did you forget to call provideAccountServices() at start-up?'
    )
  }
  return current
}
