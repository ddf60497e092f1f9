/**
 * Builds the services and the one Pinia instance, and starts restoring the session. Loaded on
 * demand: nothing here runs while ComfyUI starts unless a stored session must be restored.
 */
import { createPinia, type Pinia } from 'pinia'

import { createApiKeyStorage } from '@/auth/apiKey/apiKeyStorage'
import { createComfyApiClient } from '@/auth/comfyApi/comfyApiClient'
import { createFirebaseAuthClient, type AuthPlatform } from '@/auth/firebase/firebaseAuthClient'
import type { AccountConfig } from '@/config/target'

import { provideAccountServices } from './accountServices'
import { useAccountStore } from './accountStore'

export interface AccountCore {
  pinia: Pinia
  store: ReturnType<typeof useAccountStore>
  /** Settles once the persisted session is known. */
  restored: Promise<void>
}

export function startAccount(config: AccountConfig, platform?: AuthPlatform): AccountCore {
  const pinia = createPinia()
  const firebase = createFirebaseAuthClient({ config, platform })
  const store = useAccountStore(pinia)

  provideAccountServices({
    config,
    firebase,
    apiKeys: createApiKeyStorage(),
    comfyApi: createComfyApiClient({
      baseUrl: config.comfyApiBaseUrl,
      credential: async (options) => {
        const current = await store.credential(options)
        return current.ok ? current.value : null
      },
      onUnauthorized: () => void store.handleUnauthorized()
    })
  })
  return { pinia, store, restored: store.start() }
}
