// How ComfyUI turns registered settings into the dialog's navigation (src/utils/treeUtil.ts +
// settingStore.settingTree): each setting's path is `category ?? id.split('.')`; level 0 is the
// nav entry, level 1 the group heading. The node at the end of the path holds the setting, so two
// settings with the same two-part path collide (the later one wins), exactly as in ComfyUI.
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

/** Every setting at or below `node`, depth first. */
export function flattenTree(node: SettingTreeNode): SettingParams[] {
  const out: SettingParams[] = []
  const visit = (n: SettingTreeNode): void => {
    if (n.leaf && n.data) out.push(n.data)
    n.children.forEach(visit)
  }
  visit(node)
  return out
}

const byLabel = (a: SettingTreeNode, b: SettingTreeNode): number => a.label.localeCompare(b.label)

/** Nav entries (level 0), sorted by label. */
export function sortedCategories(root: SettingTreeNode): SettingTreeNode[] {
  return [...root.children].sort(byLabel)
}

/** A nav entry's groups (level 1), sorted by label, each with its settings. */
export function sortedGroups(category: SettingTreeNode): { label: string; settings: SettingParams[] }[] {
  return [...category.children].sort(byLabel).map((group) => ({
    label: group.label,
    settings: flattenTree(group).filter((setting) => !setting.deprecated)
  }))
}
