/**
 * Removes every Comfy credential this browser keeps, at the storage level, whatever any Firebase
 * instance has loaded: for a switch of ComfyUI user on a shared server (README, "Shared servers").
 *
 * At that start-up ComfyUI's own Firebase instance may still be moving the previous user's
 * session between IndexedDB and localStorage (docs/host-contract.md, "Firebase"), so asking an
 * SDK "who is signed in?" can answer "nobody" a moment before the session reappears. Removing the
 * entries themselves, then nudging ComfyUI's instance to re-read, does not depend on that timing.
 */
import { createApiKeyStorage } from '../apiKey/apiKeyStorage'

import { nudgeIndexedDb, removeFromIndexedDb } from './indexedDbNudge'
import { persistenceKey, TAB_ONLY_APP_NAME } from './persistenceKey'

function take(area: () => Storage, key: string): boolean {
  try {
    const had = area().getItem(key) !== null
    area().removeItem(key)
    return had
  } catch {
    return false
  }
}

/** `true` when something was there to remove. Never throws. */
export async function wipeStoredSessions(firebaseApiKey: string): Promise<boolean> {
  const shared = persistenceKey(firebaseApiKey, '[DEFAULT]')
  const apiKeys = createApiKeyStorage()
  const hadKey = apiKeys.read() !== null
  apiKeys.clear()
  const hadShared = take(() => localStorage, shared)
  const hadTabOnly = take(() => sessionStorage, persistenceKey(firebaseApiKey, TAB_ONLY_APP_NAME))
  const hadStored = await removeFromIndexedDb(shared)
  // ComfyUI's instance polls IndexedDB: a change there makes it re-read, and find nobody.
  if (hadShared || hadStored) void nudgeIndexedDb(shared)
  return hadKey || hadShared || hadTabOnly || hadStored
}

/**
 * Makes ComfyUI's instance re-read its (now empty) session once more, after its own start-up has
 * settled: a nudge that arrived while it was still moving the session can go unnoticed.
 */
export function nudgeHostSession(firebaseApiKey: string): Promise<void> {
  return nudgeIndexedDb(persistenceKey(firebaseApiKey, '[DEFAULT]'))
}
