/**
 * The function-type setting that hosts our section in ComfyUI's settings dialog.
 *
 * ComfyUI calls the render function again on every re-render (after `setter()`, a locale
 * change, a remount) and drops the old element; it never says when it is done (docs/host-contract.md, "Settings dialog").
 * So there is one root element and at most one Vue app: the same root is returned every time.
 * Once the root has left the page, the section forgets typed secrets at once and is unmounted
 * when it has not come back for a few minutes: reopening the dialog meanwhile is instant.
 *
 * If the section's code cannot load (a lazy chunk fails: offline, an update half-installed), the
 * root says so with a Retry button, in plain DOM and boot messages, since our UI code and our
 * translations may be exactly what failed. Every failed attempt is reported. Some browsers keep a
 * failed module download until the page reloads, so that no Retry can succeed there
 * (docs/architecture.md, "The first open"): once a retry has failed too, the root also says that
 * a reload tries again.
 */
import type { MountedSection } from '@/ui/mountAccountSection'

import type { SettingRenderer } from './hostTypes'
import { claimSettingRow } from './claimSettingRow'

export interface SectionRendererOptions {
  /** Mounts the Vue section into the root; loaded on demand. */
  mount: (root: HTMLElement) => Promise<MountedSection>
  /** Called with ComfyUI's locale on every re-render. */
  locale: () => unknown
  /** Text shown while the section's code loads. */
  loadingText: () => string
  /** Text shown when it could not load. */
  failedText: () => string
  /** Added to it once a retry has failed too: that reloading the page tries again. */
  reloadText: () => string
  /** The label of the button that tries loading it again. */
  retryText: () => string
  /** Called with every failure, the first and each retry's. */
  onError: (error: unknown) => void
  /**
   * How long the root may stay detached before it counts as hidden: the host can drop and re-add
   * it within one re-render.
   * @default 100
   */
  graceMs?: number
  /**
   * How long a hidden section stays mounted, so that reopening the dialog shows it at once, as it
   * was left (secrets excepted). After that it is unmounted: the root has left for good.
   * @default 5 minutes
   */
  keepAliveMs?: number
}

/**
 * Our root is a custom element so that the browser says when the host inserts or drops it: the
 * row is claimed in the same moment (no frame, no mutation batch shows it in ComfyUI's narrow
 * form cell), and no observer of the whole page is needed to notice it has gone.
 */
class SectionRoot extends HTMLElement {
  onConnected?: () => void
  onDisconnected?: () => void
  connectedCallback(): void {
    this.onConnected?.()
  }
  disconnectedCallback(): void {
    this.onDisconnected?.()
  }
}

const ROOT_TAG = 'comfy-account-root'

function createRoot(): SectionRoot {
  if (!customElements.get(ROOT_TAG)) customElements.define(ROOT_TAG, SectionRoot)
  const root = document.createElement(ROOT_TAG) as SectionRoot
  root.className = 'comfy-account-root'
  root.style.display = 'block'
  return root
}

export function createSectionRenderer({
  mount,
  locale,
  loadingText,
  failedText,
  reloadText,
  retryText,
  onError,
  graceMs = 100,
  keepAliveMs = 5 * 60_000
}: SectionRendererOptions): SettingRenderer {
  /** The setting's name as the host shows it, for the row's label that our section replaces. */
  let label = ''
  let section: Promise<MountedSection | undefined> | undefined
  let failures = 0
  let pendingCheck: ReturnType<typeof setTimeout> | undefined
  let pendingUnmount: ReturnType<typeof setTimeout> | undefined

  function unmount(): void {
    pendingUnmount = undefined
    const mounted = section
    section = undefined
    mounted?.then((m) => m?.unmount()).catch(onError)
  }

  function hideIfGone(): void {
    pendingCheck = undefined
    if (madeRoot?.isConnected || !section) return
    section.then((m) => m?.conceal()).catch(onError)
    pendingUnmount = setTimeout(unmount, keepAliveMs)
  }

  // Made when the host first shows the section, not at ComfyUI's start-up.
  let madeRoot: SectionRoot | undefined
  function makeRoot(): SectionRoot {
    const made = createRoot()
    // Shown again, even by a host that moves the root without calling the renderer: nothing of
    // a hide under way may go on.
    made.onConnected = () => {
      clearTimeout(pendingCheck)
      clearTimeout(pendingUnmount)
      pendingCheck = pendingUnmount = undefined
      claimSettingRow(made, label)
    }
    // The host may drop and re-add the root within one re-render: only a longer absence hides it.
    made.onDisconnected = () => {
      clearTimeout(pendingCheck)
      pendingCheck = setTimeout(hideIfGone, graceMs)
    }
    return made
  }
  const rootElement = (): SectionRoot => (madeRoot ??= makeRoot())

  /**
   * "Could not load" and a Retry button; a re-render by the host also tries again. `refocus`: the
   * Retry button that started the failed attempt had the keyboard focus, which went with it.
   */
  function showFailure(refocus: boolean): void {
    const root = rootElement()
    const alert = document.createElement('div')
    alert.setAttribute('role', 'alert')
    for (const text of failures > 1 ? [failedText(), reloadText()] : [failedText()]) {
      alert.append(Object.assign(document.createElement('p'), { textContent: text }))
    }
    const retry = document.createElement('button')
    retry.type = 'button'
    // The host's own PrimeVue button look, where its theme is on the page; a plain button otherwise.
    retry.className = 'p-button p-component p-button-sm'
    retry.textContent = retryText()
    retry.addEventListener('click', () => {
      if (!section) load(document.activeElement === retry)
    })
    root.removeAttribute('role')
    root.replaceChildren(alert, retry)
    if (refocus) retry.focus()
  }

  function load(retryFocused = false): void {
    const root = rootElement()
    root.textContent = loadingText()
    root.setAttribute('role', 'status')
    const attempt: Promise<MountedSection | undefined> = mount(root).then(
      (mounted) => {
        failures = 0
        root.removeAttribute('role')
        return mounted
      },
      (error: unknown) => {
        onError(error)
        // An attempt the keep-alive gave up on, with a newer one under way: that one has the root.
        if (section !== attempt) return undefined
        section = undefined
        failures++
        showFailure(retryFocused)
        return undefined
      }
    )
    section = attempt
  }

  return (name) => {
    label = name
    clearTimeout(pendingUnmount)
    pendingUnmount = undefined
    if (section) section.then((m) => m?.setLocale(locale())).catch(onError)
    else load()
    return rootElement()
  }
}
