/**
 * Is anyone possibly signed in on this device? Answered from storage alone, without loading
 * Firebase, so that ComfyUI starts as fast with us as without us when nobody is signed in.
 * A `true` may be stale (an expired session); a `false` is certain.
 */
import { API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY } from './storageNames'

const FIREBASE_DB = 'firebaseLocalStorageDb'
const FIREBASE_STORE = 'firebaseLocalStorage'

function storageHas(area: () => Storage, matches: (key: string) => boolean): boolean {
  try {
    const storage = area()
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)
      if (key !== null && matches(key)) return true
    }
  } catch {
    // Storage can throw (private mode, sandboxed frames): nothing is stored there, then.
  }
  return false
}

/** Firebase's IndexedDB persistence; one key lookup, without creating the database. */
async function indexedDbHas(userKey: string): Promise<boolean> {
  try {
    const databases = await indexedDB.databases?.()
    if (databases && !databases.some((db) => db.name === FIREBASE_DB)) return false
    return await new Promise<boolean>((resolve) => {
      const open = indexedDB.open(FIREBASE_DB)
      open.onerror = () => resolve(false)
      // Opening a database that does not exist creates it; abort that instead.
      open.onupgradeneeded = () => {
        open.transaction?.abort()
        resolve(false)
      }
      open.onsuccess = () => {
        const db = open.result
        try {
          const request = db
            .transaction(FIREBASE_STORE, 'readonly')
            .objectStore(FIREBASE_STORE)
            .count(userKey)
          request.onsuccess = () => resolve(request.result > 0)
          request.onerror = () => resolve(false)
        } catch {
          resolve(false)
        } finally {
          db.close()
        }
      }
    })
  } catch {
    return false
  }
}

export async function hasStoredSession(firebaseApiKey: string): Promise<boolean> {
  // Spelled out rather than imported: importing the Firebase client would pull the SDK into the
  // start-up file. tests/node/startupSize.test.ts and the browser tests keep them in step.
  const userKey = `firebase:authUser:${firebaseApiKey}:[DEFAULT]`
  const tabOnlyKey = `firebase:authUser:${firebaseApiKey}:comfy-account-tab`
  const ours = new Set([API_KEY_STORAGE_KEY, KEY_COPY_STORAGE_KEY, userKey, tabOnlyKey])
  const isOurs = (key: string) => ours.has(key)
  if (storageHas(() => localStorage, isOurs) || storageHas(() => sessionStorage, isOurs)) return true
  return indexedDbHas(userKey)
}
