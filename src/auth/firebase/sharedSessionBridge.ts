/**
 * Keeps two Firebase SDK copies in one page in step: ComfyUI's own and ours, both keeping the
 * session in `localStorage[firebase:authUser:<apiKey>:[DEFAULT]]` (docs/host-contract.md,
 * "Firebase").
 *
 * Neither copy hears the other: ours re-reads that key only on a `storage` event, which the
 * browser fires in *other* tabs only; ComfyUI's listens to IndexedDB, where it started, although
 * its session lives in localStorage. So a sign-in or log out made by one copy stays invisible to
 * the other until a reload. The bridge watches the key and, when its value changes, tells both:
 * it dispatches the `storage` event the browser would have sent (the copy that wrote ignores it,
 * its cache already holds the value) and nudges IndexedDB for ComfyUI's (indexedDbNudge.ts).
 */

export interface SharedSessionBridgeOptions {
  /** The persistence key both copies use. */
  key: string
  /** @default () => localStorage */
  storage?: () => Storage
  /** @default dispatches on window */
  dispatch?: (event: StorageEvent) => void
  /** How often to look for a change made by the other copy. @default 500 */
  intervalMs?: number
  /** Told when the session was ended by someone else (the host's log out, another tab). */
  onEndedElsewhere?: () => void
  /** Makes SDK copies that poll IndexedDB re-read; must never reject. @default nothing */
  nudge?: () => Promise<void>
}

export interface SharedSessionBridge {
  /** Announces a change we just made, at once, without calling `onEndedElsewhere`. */
  announce(): void
  stop(): void
}

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key)
  } catch {
    return null
  }
}

export function startSharedSessionBridge({
  key,
  storage = () => localStorage,
  dispatch = (event) => window.dispatchEvent(event),
  intervalMs = 500,
  onEndedElsewhere,
  nudge
}: SharedSessionBridgeOptions): SharedSessionBridge {
  let last = read(storage, key)

  function check(ours: boolean): void {
    const now = read(storage, key)
    if (now === last) return
    const before = last
    last = now
    try {
      dispatch(new StorageEvent('storage', { key, oldValue: before, newValue: now, storageArea: storage() }))
    } catch {
      // No StorageEvent or no storage (sandboxed frames): nothing to keep in step then.
    }
    // Never rejects (see the option); nothing to wait for here.
    if (nudge) void nudge()
    if (!ours && before !== null && now === null) onEndedElsewhere?.()
  }

  const timer = setInterval(() => check(false), intervalMs)
  return {
    announce: () => check(true),
    stop: () => clearInterval(timer)
  }
}
