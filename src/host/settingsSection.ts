/**
 * The function-type setting that hosts our section in ComfyUI's settings dialog.
 *
 * ComfyUI calls the render function again on every re-render (after `setter()`, a locale
 * change, a remount) and drops the old element; it never says when it is done (CONTRACTS §2).
 * So there is one root element and at most one Vue app: the same root is returned every time,
 * and the app is unmounted once the root has left the page for good.
 */
import type { SettingRenderer } from './comfyHost'
import { claimSettingRow } from './claimSettingRow'

export interface MountedSection {
  setLocale(tag: unknown): Promise<void>
  unmount(): void
}

export interface SectionRendererOptions {
  /** Mounts the Vue section into the root; loaded on demand. */
  mount: (root: HTMLElement) => Promise<MountedSection>
  /** Called with ComfyUI's locale on every re-render. */
  locale: () => unknown
  /** Text shown while the section's code loads. */
  loadingText: () => string
  onError: (error: unknown) => void
  /**
   * How long the root may stay detached before we unmount: the host can drop and re-add it
   * within one re-render.
   * @default 100
   */
  graceMs?: number
}

export function createSectionRenderer({
  mount,
  locale,
  loadingText,
  onError,
  graceMs = 100
}: SectionRendererOptions): SettingRenderer {
  const root = document.createElement('div')
  root.className = 'comfy-account-root'
  let section: Promise<MountedSection | undefined> | undefined
  let observer: MutationObserver | undefined
  let pendingCheck: ReturnType<typeof setTimeout> | undefined

  function unmountIfGone(): void {
    pendingCheck = undefined
    if (root.isConnected || !section) return
    const mounted = section
    section = undefined
    observer?.disconnect()
    observer = undefined
    mounted.then((m) => m?.unmount()).catch(onError)
  }

  function watchForDetach(): void {
    observer = new MutationObserver(() => {
      if (!root.isConnected && pendingCheck === undefined) pendingCheck = setTimeout(unmountIfGone, graceMs)
    })
    observer.observe(root.ownerDocument.body, { childList: true, subtree: true })
  }

  return (name) => {
    queueMicrotask(() => claimSettingRow(root, name))
    if (section) {
      section.then((m) => m?.setLocale(locale())).catch(onError)
      return root
    }
    root.textContent = loadingText()
    root.setAttribute('role', 'status')
    section = mount(root).then(
      (mounted) => {
        root.removeAttribute('role')
        return mounted
      },
      (error: unknown) => {
        onError(error)
        section = undefined
        return undefined
      }
    )
    watchForDetach()
    return root
  }
}
