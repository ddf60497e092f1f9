/**
 * Builds the services and the one Pinia instance, and starts restoring the session. Loaded on
 * demand: nothing here runs while ComfyUI starts unless a stored session must be restored.
 */
import { createPinia, type Pinia } from 'pinia'

import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import { watchUserGestures } from '@/auth/apiKey/userGesture'
import { createComfyApiClient } from '@/auth/comfyApi/comfyApiClient'
import { createCredentialSource, type CredentialSource } from '@/auth/credentials/credentialSource'
import {
  browserPlatform,
  createFirebaseAuthClient,
  type AuthPlatform
} from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/accountConfig'

import { createAccountStore, type AccountStore } from './accountStore'

export interface AccountCore {
  pinia: Pinia
  store: AccountStore
  /** The credential for the Comfy API and for prompts, following the store's session. */
  credentials: CredentialSource
  /** Settles once the persisted session is known. */
  restored: Promise<void>
}

export interface StartAccountOptions {
  /** ComfyUI ships its own account page, with its own Firebase instance. */
  hostHasAccountPage: boolean
  /** @default browserPlatform({ hostHasAccountPage }) */
  platform?: AuthPlatform
}

/** The whole wiring, in the order a credential flows: Firebase, then credentials, then users of them. */
export function startAccount(
  config: AccountConfig,
  { hostHasAccountPage, platform = browserPlatform({ hostHasAccountPage }) }: StartAccountOptions
): AccountCore {
  const firebase = createFirebaseAuthClient({ config, platform })
  const credentials = createCredentialSource({ firebase })
  const comfyApi = createComfyApiClient({ baseUrl: config.comfyApiBaseUrl, credentials })
  const pinia = createPinia()
  const store = createAccountStore(pinia, {
    config,
    firebase,
    comfyApi,
    credentials,
    apiKeys: createApiKeyStorage(),
    userGesture: watchUserGestures(),
    hostHasAccountPage
  })
  return { pinia, store, credentials, restored: store.start() }
}
