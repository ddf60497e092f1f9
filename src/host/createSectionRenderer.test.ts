import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { MountedSection } from '@/ui/mountAccountSection'

import type { SettingRenderer } from './hostTypes'
import { createSectionRenderer } from './createSectionRenderer'

/** Mimics ComfyUI's CustomFormValue: empty the container, append what the render returns. */
function hostRender(container: HTMLElement, render: () => HTMLElement): void {
  container.innerHTML = ''
  container.appendChild(render())
}

/** Short, and on a fake clock: the tests step past them without waiting. */
const GRACE_MS = 10
const KEEP_ALIVE_MS = 60

function setup() {
  const mounted: Array<
    MountedSection & {
      unmount: ReturnType<typeof vi.fn>
      conceal: ReturnType<typeof vi.fn>
      setLocale: ReturnType<typeof vi.fn>
    }
  > = []
  const mount = vi.fn(async (root: HTMLElement) => {
    await Promise.resolve()
    root.innerHTML = '<p>section</p>'
    const section = { unmount: vi.fn(), conceal: vi.fn(), setLocale: vi.fn(async () => {}) }
    mounted.push(section)
    return section
  })
  let locale = 'en'
  const onError = vi.fn()
  const render = createSectionRenderer({
    mount,
    locale: () => locale,
    loadingText: () => 'Loading…',
    failedText: () => 'Could not load.',
    reloadText: () => 'Reload the page to try again.',
    retryText: () => 'Retry',
    onError,
    graceMs: GRACE_MS,
    keepAliveMs: KEEP_ALIVE_MS
  })
  const setLocale = (next: string) => (locale = next)
  return { render, mount, mounted, onError, setLocale }
}

/** Lets a mount settle, and a root detached by now count as hidden (past the grace period). */
const flush = () => vi.advanceTimersByTimeAsync(3 * GRACE_MS)
/** Past the keep-alive of a section hidden by now. */
const pastKeepAlive = () => vi.advanceTimersByTimeAsync(2 * KEEP_ALIVE_MS)

/** The host's settings dialog showing our section, then closing (dropping its whole subtree). */
async function openThenCloseDialog(render: SettingRenderer): Promise<void> {
  const dialog = document.body.appendChild(document.createElement('div'))
  hostRender(dialog.appendChild(document.createElement('div')), () => render('Comfy Account', () => {}, ''))
  await flush()
  dialog.remove()
}

/** A new dialog element rendering our section again; returns its container. */
function reopenDialog(render: SettingRenderer): HTMLElement {
  const again = document.body.appendChild(document.createElement('div'))
  hostRender(again, () => render('Comfy Account', () => {}, ''))
  return again
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('the settings section renderer', () => {
  it('returns the same root on every re-render and mounts one app', async () => {
    const { render, mount, mounted } = setup()
    const container = document.body.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    const first = container.firstElementChild
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    expect(container.firstElementChild).toBe(first)
    expect(mount).toHaveBeenCalledTimes(1)
    expect(mounted[0]?.unmount).not.toHaveBeenCalled()
    expect(container.textContent).toBe('section')
  })

  it("claims its row the moment the host inserts it, before anything else can see ComfyUI's form cell", () => {
    const { render } = setup()
    const row = document.body.appendChild(document.createElement('div'))
    row.innerHTML = '<div class="form-label"><span>Comfy Account</span></div><div class="form-input"></div>'
    hostRender(row.querySelector<HTMLElement>('.form-input')!, () => render('Comfy Account', () => {}, ''))
    // No microtask or timer has run: the browser called us as the root was inserted.
    expect(row.querySelector<HTMLElement>('.form-label')?.style.display).toBe('none')
    expect(row.querySelector<HTMLElement>('.form-input')?.style.width).toBe('100%')
  })

  it('passes a new locale to the mounted section on re-render', async () => {
    const { render, mounted, setLocale } = setup()
    const container = document.body.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    setLocale('fr')
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    expect(mounted[0]?.setLocale).toHaveBeenCalledWith('fr')
  })

  it('keeps a hidden section mounted for a while, its secrets emptied, and shows the same app again', async () => {
    const { render, mount, mounted } = setup()
    await openThenCloseDialog(render)
    await flush()
    expect(mounted[0]?.conceal).toHaveBeenCalledTimes(1)
    expect(mounted[0]?.unmount).not.toHaveBeenCalled()

    const again = reopenDialog(render)
    await pastKeepAlive() // shown again before the keep-alive ran out: kept
    expect(mount).toHaveBeenCalledTimes(1)
    expect(mounted[0]?.unmount).not.toHaveBeenCalled()
    expect(again.textContent).toBe('section')
  })

  it('stays mounted when the host puts the same root back without rendering again', async () => {
    const { render, mounted } = setup()
    const container = document.body.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    const root = container.firstElementChild!
    root.remove()
    await flush() // hidden: its secrets emptied, the keep-alive running
    container.appendChild(root)
    await pastKeepAlive()
    expect(mounted[0]?.unmount).not.toHaveBeenCalled()
    expect(container.textContent).toBe('section')
  })

  it('unmounts once the root has been gone for longer than the keep-alive, and mounts afresh later', async () => {
    const { render, mount, mounted } = setup()
    await openThenCloseDialog(render)
    await pastKeepAlive()
    expect(mounted[0]?.unmount).toHaveBeenCalledTimes(1)

    const again = reopenDialog(render)
    await flush()
    expect(mount).toHaveBeenCalledTimes(2)
    expect(again.textContent).toBe('section')
  })

  it('shows a loading text until the section is ready', () => {
    const { render } = setup()
    const container = document.body.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    expect(container.textContent).toBe('Loading…')
  })

  it('tries again on the next render after a failed load', async () => {
    const { render, onError, mount, container } = await renderFailing(1)
    expect(onError).toHaveBeenCalledTimes(1)
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    expect(mount).toHaveBeenCalledTimes(2)
    expect(container.textContent).toBe('section')
  })

  it('says so when the section cannot load, with a Retry button that loads it', async () => {
    const { mount, container } = await renderFailing(1)
    expect(alertParagraphs(container)).toEqual(['Could not load.'])
    expect(container.textContent).not.toContain('Loading…')
    retryButton(container).click()
    expect(container.textContent).toBe('Loading…')
    await flush()
    expect(mount).toHaveBeenCalledTimes(2)
    expect(container.textContent).toBe('section')
  })

  it('reports every failure, and a failed retry says so again, with a reload as the way out', async () => {
    const { onError, container } = await renderFailing(2)
    const retry = retryButton(container)
    retry.click()
    retry.click() // a second click while loading starts nothing more
    await flush()
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError).toHaveBeenLastCalledWith(new Error('chunk missing 2'))
    // Where the browser keeps a failed download until a reload, no retry can succeed.
    expect(alertParagraphs(container)).toEqual(['Could not load.', 'Reload the page to try again.'])
    expect(retryButton(container)).toBeTruthy()
  })

  it('gives the keyboard focus back to Retry when the retry it started fails', async () => {
    const { container } = await renderFailing(2)
    const retry = retryButton(container)
    retry.focus()
    retry.click()
    await flush()
    expect(retryButton(container)).not.toBe(retry)
    expect(document.activeElement).toBe(retryButton(container))
  })

  it('starts counting again after a load that worked', async () => {
    const { render, mount, container } = await renderFailing(1)
    retryButton(container).click()
    await flush()
    expect(container.textContent).toBe('section')
    container.remove()
    await vi.advanceTimersByTimeAsync(6 * 60_000) // past the default keep-alive: unmounted

    mount.mockRejectedValueOnce(new Error('chunk missing later'))
    const again = reopenDialog(render)
    await flush()
    expect(mount).toHaveBeenCalledTimes(3)
    expect(alertParagraphs(again)).toEqual(['Could not load.'])
  })
})

/**
 * The host rendering a section whose first `failures` mounts reject, as a lazy chunk that cannot
 * load does; resolves once the first attempt has failed.
 */
async function renderFailing(failures: number) {
  const onError = vi.fn()
  const mount = vi.fn()
  for (let n = 1; n <= failures; n++) mount.mockRejectedValueOnce(new Error(`chunk missing ${n}`))
  mount.mockImplementation(async (root: HTMLElement) => {
    await Promise.resolve()
    root.innerHTML = '<p>section</p>'
    return { unmount: vi.fn(), conceal: vi.fn(), setLocale: vi.fn(async () => {}) }
  })
  const render = createSectionRenderer({
    mount,
    locale: () => 'en',
    loadingText: () => 'Loading…',
    failedText: () => 'Could not load.',
    reloadText: () => 'Reload the page to try again.',
    retryText: () => 'Retry',
    onError
  })
  const container = document.body.appendChild(document.createElement('div'))
  hostRender(container, () => render('Comfy Account', () => {}, ''))
  await flush()
  return { render, mount, onError, container }
}

function alertParagraphs(container: HTMLElement): string[] {
  return [...container.querySelectorAll('[role="alert"] p')].map((p) => p.textContent ?? '')
}

function retryButton(container: HTMLElement): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Retry')
  if (!button) throw new Error(`No Retry button in: ${container.innerHTML}`)
  return button
}
