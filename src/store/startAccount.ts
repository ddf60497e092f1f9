/**
 * Builds the services and the one Pinia instance, and starts restoring the session. Loaded on
 * demand: nothing here runs while ComfyUI starts unless a stored session must be restored.
 *
 * Firebase and the Comfy API client come in their own chunk (most of our bytes), loading while
 * the section is already on screen (src/auth/deferred/deferServices.ts).
 */
import { createPinia } from 'pinia'

import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import { watchUserGestures } from '@/auth/apiKey/userGesture'
import { createCredentialSource, type CredentialSource } from '@/auth/credentials/credentialSource'
import { deferServices } from '@/auth/deferred/deferServices'
import type { AuthPlatform } from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/accountConfig'

import { createAccountStore, type AccountStore } from './accountStore'

export interface AccountCore {
  store: AccountStore
  /** The credential for the Comfy API and for prompts, following the store's session. */
  credentials: CredentialSource
  /** Settles once the persisted session is known. */
  restored: Promise<void>
}

export interface StartAccountOptions {
  /** ComfyUI ships its own account page, with its own Firebase instance. */
  hostHasAccountPage: boolean
  /**
   * The start-up storage probe found no session at all (src/auth/startup/storedSessionHint.ts):
   * the store shows "signed out" at once instead of waiting for Firebase.
   * @default false
   */
  nothingStored?: boolean
  /** @default browserPlatform({ hostHasAccountPage }) */
  platform?: AuthPlatform
}

/** The whole wiring, in the order a credential flows: Firebase, then credentials, then users of them. */
export function startAccount(
  config: AccountConfig,
  { hostHasAccountPage, nothingStored = false, platform }: StartAccountOptions
): AccountCore {
  const remote = deferServices(async () => {
    // One task later: a section being mounted right now paints before Firebase is evaluated.
    await new Promise((resolve) => setTimeout(resolve, 0))
    const [{ browserPlatform, createFirebaseAuthClient }, { createComfyApiClient }] = await Promise.all([
      import('@/auth/firebase/firebaseAuthClient'),
      import('@/auth/comfyApi/comfyApiClient')
    ])
    return {
      firebase: createFirebaseAuthClient({
        config,
        platform: platform ?? browserPlatform({ hostHasAccountPage })
      }),
      comfyApi: createComfyApiClient({ baseUrl: config.comfyApiBaseUrl, credentials })
    }
  })
  const credentials = createCredentialSource({ firebase: remote.firebase })
  const store = createAccountStore(createPinia(), {
    config,
    firebase: remote.firebase,
    comfyApi: remote.comfyApi,
    credentials,
    apiKeys: createApiKeyStorage(),
    userGesture: watchUserGestures(),
    hostHasAccountPage
  })
  return { store, credentials, restored: store.start({ nothingStored }) }
}
