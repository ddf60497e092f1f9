import { describe, expect, it, vi } from 'vitest'

import type { HostApp } from './hostTypes'
import { hostDroppedSetting, offerSidebarEntry } from './offerSidebarEntry'

const appWith = (extensionManager: unknown) => ({ registerExtension: vi.fn(), extensionManager }) as HostApp

describe('fallback entry point', () => {
  it.for([
    ['keeps our setting', { setting: { settings: { 'ComfyAccount.Section': {} } } }, false],
    ['dropped our setting', { setting: { settings: { 'Comfy.Locale': {} } } }, true],
    ['cannot tell', { setting: {} }, false],
    ['has no setting service', {}, false]
  ] as const)('a host that %s → fallback %s', ([, manager, expected]) => {
    expect(hostDroppedSetting(appWith(manager), 'ComfyAccount.Section')).toBe(expected)
  })

  it('registers a sidebar tab that renders the section where the host can', () => {
    const registerSidebarTab = vi.fn()
    const offered = offerSidebarEntry(appWith({ registerSidebarTab }), {
      id: 'comfy-account',
      icon: 'pi pi-user',
      title: 'Comfy Account',
      tooltip: 'Comfy Account',
      type: 'custom',
      render: () => {}
    })
    expect(offered).toBe(true)
    expect(registerSidebarTab).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'comfy-account', type: 'custom' })
    )
    expect(offerSidebarEntry(appWith({}), registerSidebarTab.mock.calls[0]?.[0])).toBe(false)
  })
})
