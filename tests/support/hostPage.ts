/**
 * What the browser tests look at in the playground host's own account system (its Firebase
 * instance, its settings dialog) and in the browser's storage, next to our section.
 */
import type { Page } from 'playwright-core'

/** Who ComfyUI's own Firebase instance says is signed in, or null. */
export function hostEmail(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      (
        window as { __playground?: { hostAuth?: { email(): string | null } } }
      ).__playground?.hostAuth?.email() ?? null
  )
}

/**
 * Every place a credential could linger: both storages, and Firebase's IndexedDB entries that
 * hold a user (a short-lived nudge there holds none: src/auth/firebase/indexedDbNudge.ts).
 */
export function storedCredentials(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const found: string[] = []
    const looksLikeCredential = (key: string) =>
      key.startsWith('firebase:authUser:') || key.includes('api_key') || key.includes('api-key')
    for (const [name, area] of [
      ['local', localStorage],
      ['session', sessionStorage]
    ] as const) {
      for (let i = 0; i < area.length; i++) {
        const key = area.key(i) ?? ''
        if (looksLikeCredential(key)) found.push(`${name}:${key}`)
      }
    }
    const db = await new Promise<IDBDatabase | null>((resolve) => {
      const open = indexedDB.open('firebaseLocalStorageDb')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => resolve(null)
    })
    if (db?.objectStoreNames.contains('firebaseLocalStorage')) {
      type Entry = { fbase_key: string; value?: { uid?: unknown } }
      const entries = await new Promise<Entry[]>((resolve) => {
        const request = db.transaction('firebaseLocalStorage').objectStore('firebaseLocalStorage').getAll()
        request.onsuccess = () => resolve(request.result as Entry[])
        request.onerror = () => resolve([])
      })
      found.push(
        ...entries.filter((entry) => entry.value?.uid).map((entry) => `indexedDB:${entry.fbase_key}`)
      )
    }
    db?.close()
    return found
  })
}

/** Closes whatever dialog is open, so the next step starts from the canvas as a user would. */
export async function closeSettings(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as { __playground?: { closeSettings(): void } }).__playground?.closeSettings()
  )
  await page.getByRole('dialog').first().waitFor({ state: 'detached' })
}
