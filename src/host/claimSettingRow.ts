/**
 * ComfyUI renders a function-type setting in a narrow, right-aligned form cell next to the
 * setting's name (docs/host-contract.md, "Settings dialog"). Our section needs the whole row, so we stretch the few
 * elements between our root and that row and hide the row's name label, which our section
 * repeats. Only the elements of our own row are touched; the rest of the dialog stays as it is.
 */
const MAX_DEPTH = 4

export function claimSettingRow(root: HTMLElement, label: string): void {
  root.style.width = '100%'
  let node: HTMLElement = root
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = node.parentElement
    if (!parent) return
    node.style.flex = '1 1 100%'
    node.style.width = '100%'
    node.style.maxWidth = 'none'
    node.style.justifyContent = 'stretch'
    const name = Array.from(parent.children).find(
      (sibling): sibling is HTMLElement =>
        sibling !== node && sibling instanceof HTMLElement && sibling.textContent?.trim() === label.trim()
    )
    if (name) {
      name.style.display = 'none'
      return
    }
    node = parent
  }
}
