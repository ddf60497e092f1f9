import { describe, expect, it } from 'vitest'

import type { HostVersion } from '../hostVersion'
import type { SettingParams } from '../types'
import { buildSettingTree, sortedGroups } from './settingTree'

/** A setting in nav entry 'Account' at `Account.<group>.<label>`. */
function setting(group: string, label: string, sortOrder?: number, deprecated?: boolean): SettingParams {
  return {
    id: `Test.${group}.${label}`,
    name: label,
    type: 'boolean',
    category: ['Account', group, label],
    sortOrder,
    deprecated
  }
}

/** The rendered order as `group: label, label` lines. */
function order(settings: SettingParams[], version: HostVersion): string[] {
  const [entry] = buildSettingTree(settings).children
  if (!entry) throw new Error('no nav entry')
  return sortedGroups(entry, version).map(
    (group) => `${group.label}: ${group.settings.map((s) => s.category?.at(-1)).join(', ')}`
  )
}

describe('sortedGroups', () => {
  it.for<{ name: string; settings: SettingParams[]; v124: string[]; v145: string[] }>([
    {
      // Observed in both real hosts (docs/host-contract.md, "Settings dialog").
      name: 'rows of equal sortOrder come out last-registered first',
      settings: [setting('Comfy Account', 'Section'), setting('Comfy Account', 'Idle sign-out')],
      v124: ['Comfy Account: Idle sign-out, Section'],
      v145: ['Comfy Account: Idle sign-out, Section']
    },
    {
      name: 'a higher sortOrder goes first in 1.45 only',
      settings: [setting('G', 'Alpha'), setting('G', 'Beta', 10), setting('G', 'Gamma', -1)],
      v124: ['G: Gamma, Beta, Alpha'],
      v145: ['G: Beta, Alpha, Gamma']
    },
    {
      name: 'equal sortOrder keeps the reversed registration order, not the label',
      settings: [setting('G', 'Zulu', 5), setting('G', 'Mike', 5), setting('G', 'Alpha')],
      v124: ['G: Alpha, Mike, Zulu'],
      v145: ['G: Mike, Zulu, Alpha']
    },
    {
      name: 'groups by label in 1.24, by their highest sortOrder in 1.45',
      settings: [setting('Beta', 'One'), setting('Alpha', 'Two'), setting('Zeta', 'Three', 3)],
      v124: ['Alpha: Two', 'Beta: One', 'Zeta: Three'],
      v145: ['Zeta: Three', 'Alpha: Two', 'Beta: One']
    },
    {
      name: 'a group rank never drops below 0, so a negative sortOrder ties on the label',
      settings: [setting('Beta', 'One', -2), setting('Alpha', 'Two')],
      v124: ['Alpha: Two', 'Beta: One'],
      v145: ['Alpha: Two', 'Beta: One']
    },
    {
      name: 'deprecated settings are left out',
      settings: [setting('G', 'Old', 0, true), setting('G', 'New')],
      v124: ['G: New'],
      v145: ['G: New']
    }
  ])('$name', ({ settings, v124, v145 }) => {
    expect(order(settings, '1.24')).toEqual(v124)
    expect(order(settings, '1.45')).toEqual(v145)
  })
})
