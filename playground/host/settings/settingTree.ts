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

/**
 * Every setting at or below `node`, in the order ComfyUI's `flattenTree` yields them: it pops a
 * stack and pushes children in order, so siblings come out last-registered first.
 */
export function flattenTree(node: SettingTreeNode): SettingParams[] {
  const out: SettingParams[] = []
  const stack = [node]
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.leaf && n.data) out.push(n.data)
    stack.push(...n.children)
  }
  return out
}

const sortOrder = (setting: SettingParams): number => setting.sortOrder ?? 0
/** Higher `sortOrder` first; `Array.prototype.sort` is stable, so ties keep flattenTree order. */
const bySortOrder = (a: SettingParams, b: SettingParams): number => sortOrder(b) - sortOrder(a)

/**
 * A nav entry's groups (level 1) with their settings, in the order the host shows them
 * (docs/host-contract.md, "Settings dialog", "Order inside a nav entry"; labels are the
 * untranslated category parts):
 * - 1.24: groups by label; settings in flattenTree order (last registered first);
 * - 1.45: groups by their highest `sortOrder` (never below 0, higher first), then label;
 *   settings by `sortOrder` (higher first), ties in flattenTree order.
 */
export function sortedGroups(
  category: SettingTreeNode,
  version: HostVersion
): { label: string; settings: SettingParams[] }[] {
  const groups = category.children.map((node) => {
    const settings = flattenTree(node)
    return { label: node.label, settings, rank: Math.max(0, ...settings.map(sortOrder)) }
  })
  if (version === '1.24') {
    groups.sort(byLabel)
  } else {
    groups.sort((a, b) => b.rank - a.rank || byLabel(a, b))
    groups.forEach((group) => group.settings.sort(bySortOrder))
  }
  // Both hosts' SettingGroup.vue skips deprecated rows when it renders them.
  return groups.map(({ label, settings }) => ({
    label,
    settings: settings.filter((setting) => !setting.deprecated)
  }))
}
