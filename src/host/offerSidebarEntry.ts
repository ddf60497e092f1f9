/**
 * If this host does not keep our function-type setting (a fork, or a settings dialog that
 * changed shape), the section must not simply disappear: we offer it in a sidebar tab instead.
 * Decided from what the host did with our setting, not from its version number.
 */
import type { HostApp } from './hostTypes'

export interface SidebarTab {
  id: string
  icon: string
  title: string
  tooltip: string
  type: 'custom'
  render: (container: HTMLElement) => void
}

interface SidebarCapableManager {
  registerSidebarTab?: (tab: SidebarTab) => void
  setting?: { settings?: Record<string, unknown> }
}

/** `true` when the host can tell us which settings it knows and ours is not among them. */
export function hostDroppedSetting(app: HostApp, settingId: string): boolean {
  const settings = (app.extensionManager as SidebarCapableManager | undefined)?.setting?.settings
  return typeof settings === 'object' && settings !== null && !(settingId in settings)
}

export function offerSidebarEntry(app: HostApp, tab: SidebarTab): boolean {
  const manager = app.extensionManager as SidebarCapableManager | undefined
  if (typeof manager?.registerSidebarTab !== 'function') return false
  manager.registerSidebarTab(tab)
  return true
}
