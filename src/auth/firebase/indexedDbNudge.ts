/**
 * Makes ComfyUI's own Firebase instance re-read its session.
 *
 * ComfyUI starts Firebase with IndexedDB first and then moves its session to localStorage with
 * `setPersistence`. The SDK keeps listening where it started: it polls IndexedDB (every 800 ms)
 * for changes under its key, and when it sees one it re-reads the user from localStorage, where
 * the session really is (docs/host-contract.md, "Firebase"). So a sign-in or log out written to
 * localStorage by anyone else (our SDK copy, another tab) stays invisible to it until a reload,
 * unless its IndexedDB entry changes.
 *
 * A nudge writes a value that is not a user under that key for a moment, then removes it. The
 * value can never be restored as a session: the SDK skips an entry without a uid and reads the
 * next persistence instead.
 */

const DB_NAME = 'firebaseLocalStorageDb'
const STORE = 'firebaseLocalStorage'

/** Opens ComfyUI's Firebase database if it exists; never creates it. */
function openExisting(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME)
      request.onupgradeneeded = () => {
        request.transaction?.abort()
        resolve(null)
      }
      request.onerror = () => resolve(null)
      request.onblocked = () => resolve(null)
      request.onsuccess = () => {
        const db = request.result
        if (db.objectStoreNames.contains(STORE)) resolve(db)
        else {
          db.close()
          resolve(null)
        }
      }
    } catch {
      resolve(null) // no IndexedDB here (private mode in some browsers, sandboxed frames)
    }
  })
}

/** Runs `change` in one read-write transaction; resolves when it ends, whatever happened. */
function inTransaction(db: IDBDatabase, change: (store: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve) => {
    try {
      const transaction = db.transaction(STORE, 'readwrite')
      change(transaction.objectStore(STORE))
      transaction.oncomplete = () => resolve()
      transaction.onerror = () => resolve()
      transaction.onabort = () => resolve()
    } catch {
      resolve()
    }
  })
}

/** Deletes `key` when its current value passes `test`; resolves with that value. */
async function deleteWhere(
  db: IDBDatabase,
  key: string,
  test: (value: unknown) => boolean
): Promise<unknown> {
  let found: unknown
  await inTransaction(db, (store) => {
    const read = store.get(key)
    read.onsuccess = () => {
      found = (read.result as { value?: unknown } | undefined)?.value
      if (found !== undefined && test(found)) store.delete(key)
    }
  })
  return found
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined

export interface IndexedDbNudgeOptions {
  /** How long the nudge stays: longer than one of the SDK's polls. @default 1500 */
  holdMs?: number
}

/** Nudges the SDK copies polling `key`; resolves once the nudge is gone again. Never throws. */
export async function nudgeIndexedDb(
  key: string,
  { holdMs = 1500 }: IndexedDbNudgeOptions = {}
): Promise<void> {
  const db = await openExisting()
  if (!db) return
  const stamp = Date.now()
  try {
    await inTransaction(db, (store) => store.put({ fbase_key: key, value: { comfyAccountNudge: stamp } }))
    await new Promise((resolve) => setTimeout(resolve, holdMs))
    // Only our own nudge is removed: an SDK may have written a real session there meanwhile.
    await deleteWhere(db, key, (value) => field(value, 'comfyAccountNudge') === stamp)
  } finally {
    db.close()
  }
}

/** Deletes `key` from ComfyUI's Firebase database; `true` if there was a session there. */
export async function removeFromIndexedDb(key: string): Promise<boolean> {
  const db = await openExisting()
  if (!db) return false
  try {
    return Boolean(field(await deleteWhere(db, key, () => true), 'uid'))
  } finally {
    db.close()
  }
}
