/**
 * Builds the services and the one Pinia instance, and starts restoring the session. Loaded on
 * demand: nothing here runs while ComfyUI starts unless a stored session must be restored.
 */
import { createPinia, type Pinia } from 'pinia'

import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import { watchUserGestures } from '@/auth/apiKey/userGesture'
import { createComfyApiClient } from '@/auth/comfyApi/comfyApiClient'
import {
  browserPlatform,
  createFirebaseAuthClient,
  type AuthPlatform
} from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/target'

import { provideAccountServices } from './accountServices'
import { useAccountStore } from './accountStore'

export interface AccountCore {
  pinia: Pinia
  store: ReturnType<typeof useAccountStore>
  /** Settles once the persisted session is known. */
  restored: Promise<void>
}

export interface StartAccountOptions {
  /** ComfyUI ships its own account page, with its own Firebase instance. */
  hostHasAccountPage: boolean
  /** @default browserPlatform({ hostHasAccountPage }) */
  platform?: AuthPlatform
}

export function startAccount(
  config: AccountConfig,
  { hostHasAccountPage, platform = browserPlatform({ hostHasAccountPage }) }: StartAccountOptions
): AccountCore {
  const pinia = createPinia()
  const firebase = createFirebaseAuthClient({ config, platform })
  const store = useAccountStore(pinia)

  provideAccountServices({
    config,
    firebase,
    apiKeys: createApiKeyStorage(),
    userGesture: watchUserGestures(),
    hostHasAccountPage,
    comfyApi: createComfyApiClient({
      baseUrl: config.comfyApiBaseUrl,
      credential: async (options) => {
        const current = await store.credential(options)
        return current.ok ? current.value : null
      },
      onUnauthorized: (rejected) => void store.handleUnauthorized(rejected)
    })
  })
  return { pinia, store, restored: store.start() }
}
