import { afterEach, describe, expect, it, vi } from 'vitest'

import { createSectionRenderer, type MountedSection } from './settingsSection'

/** Mimics ComfyUI's CustomFormValue: empty the container, append what the render returns. */
function hostRender(container: HTMLElement, render: () => HTMLElement): void {
  container.innerHTML = ''
  container.appendChild(render())
}

function setup() {
  const mounted: Array<
    MountedSection & { unmount: ReturnType<typeof vi.fn>; setLocale: ReturnType<typeof vi.fn> }
  > = []
  const mount = vi.fn(async (root: HTMLElement) => {
    await Promise.resolve()
    root.innerHTML = '<p>section</p>'
    const section = { unmount: vi.fn(), setLocale: vi.fn(async () => {}) }
    mounted.push(section)
    return section
  })
  let locale = 'en'
  const onError = vi.fn()
  const render = createSectionRenderer({
    mount,
    locale: () => locale,
    loadingText: () => 'Loading…',
    onError,
    graceMs: 10
  })
  const setLocale = (next: string) => (locale = next)
  return { render, mount, mounted, onError, setLocale }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 30))

afterEach(() => {
  document.body.innerHTML = ''
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

  it('unmounts once the root left the page for good, and mounts again when shown again', async () => {
    const { render, mount, mounted } = setup()
    const dialog = document.body.appendChild(document.createElement('div'))
    const container = dialog.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    dialog.remove()
    await flush()
    expect(mounted[0]?.unmount).toHaveBeenCalledTimes(1)

    const again = document.body.appendChild(document.createElement('div'))
    hostRender(again, () => render('Comfy Account', () => {}, ''))
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

  it('reports a failed load once and tries again on the next render', async () => {
    const onError = vi.fn()
    const mount = vi
      .fn()
      .mockRejectedValueOnce(new Error('chunk missing'))
      .mockResolvedValue({
        unmount: vi.fn(),
        setLocale: vi.fn(async () => {})
      })
    const render = createSectionRenderer({ mount, locale: () => 'en', loadingText: () => '…', onError })
    const container = document.body.appendChild(document.createElement('div'))
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    expect(onError).toHaveBeenCalledTimes(1)
    hostRender(container, () => render('Comfy Account', () => {}, ''))
    await flush()
    expect(mount).toHaveBeenCalledTimes(2)
  })
})
