// How ComfyUI turns registered settings into the dialog's navigation (src/utils/treeUtil.ts +
// settingStore.settingTree): each setting's path is `category ?? id.split('.')`; level 0 is the
// nav entry, level 1 the group heading. The node at the end of the path holds the setting, so two
// settings with the same two-part path collide (the later one wins), exactly as in ComfyUI.
import type { HostVersion } from '../hostVersion'
import type { SettingParams } from '../types'

export interface SettingTreeNode {
  /** The path joined with '/', e.g. 'Comfy/Locale'. */
  key: string
  label: string
  leaf: boolean
  data?: SettingParams
  children: SettingTreeNode[]
}

export function settingPath(setting: SettingParams): string[] {
  return setting.category ?? setting.id.split('.')
}

export function buildSettingTree(settings: readonly SettingParams[]): SettingTreeNode {
  const root: SettingTreeNode = { key: 'root', label: 'root', leaf: false, children: [] }
  const byKey = new Map<string, SettingTreeNode>([['root', root]])
  for (const setting of settings) {
    if (setting.type === 'hidden') continue
    let parent = root
    const path = settingPath(setting)
    path.forEach((label, i) => {
      const key = path.slice(0, i + 1).join('/')
      let node = byKey.get(key)
      if (!node) {
        node = { key, label, leaf: false, children: [] }
        byKey.set(key, node)
        parent.children.push(node)
      }
      parent = node
    })
    parent.leaf = true
    parent.data = setting
  }
  // One-part paths would be nav entries without groups: ComfyUI gathers them under "Other".
  const floating = root.children.filter((node) => node.leaf)
  if (floating.length) {
    root.children = root.children.filter((node) => !node.leaf)
    root.children.push({ key: 'Other', label: 'Other', leaf: false, children: floating })
  }
  return root
}

const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label)

/** Nav entries (level 0), sorted by label. */
export function sortedCategories(root: SettingTreeNode): SettingTreeNode[] {
  return [...root.children].sort(byLabel)
}

/** A setting with its tree node's label: the last part of its category path. */
interface Leaf {
  label: string
  setting: SettingParams
}

/** Every setting at or below `node`, depth first. */
function leavesOf(node: SettingTreeNode): Leaf[] {
  const out: Leaf[] = []
  const visit = (n: SettingTreeNode): void => {
    if (n.leaf && n.data) out.push({ label: n.label, setting: n.data })
    n.children.forEach(visit)
  }
  visit(node)
  return out
}

const sortOrder = (leaf: Leaf): number => leaf.setting.sortOrder ?? 0
/** Higher `sortOrder` first, ties by label. */
const bySortOrder = (a: Leaf, b: Leaf): number => sortOrder(b) - sortOrder(a) || byLabel(a, b)

/**
 * A nav entry's groups (level 1) with their settings, in the order the host shows them
 * (docs/host-contract.md, "Settings dialog", "Order inside a nav entry"; labels are the untranslated category parts):
 * - 1.24: groups by label, settings by label;
 * - 1.45: groups by their highest `sortOrder` (higher first), then label; settings by
 *   `sortOrder` (higher first), then label.
 */
export function sortedGroups(
  category: SettingTreeNode,
  version: HostVersion
): { label: string; settings: SettingParams[] }[] {
  const groups = category.children.map((node) => {
    const leaves = leavesOf(node)
    return { label: node.label, leaves, rank: Math.max(...leaves.map(sortOrder)) }
  })
  if (version === '1.24') {
    groups.sort(byLabel)
    groups.forEach((group) => group.leaves.sort(byLabel))
  } else {
    groups.sort((a, b) => b.rank - a.rank || byLabel(a, b))
    groups.forEach((group) => group.leaves.sort(bySortOrder))
  }
  return groups.map((group) => ({
    label: group.label,
    settings: group.leaves.map((leaf) => leaf.setting).filter((setting) => !setting.deprecated)
  }))
}
