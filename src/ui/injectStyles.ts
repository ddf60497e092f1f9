import styles from './styles.css?inline'

const STYLE_ID = 'comfy-account-styles'

/** Our stylesheet, once per document: every rule is scoped under `.comfy-account`. */
export function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return
  const style = doc.createElement('style')
  style.id = STYLE_ID
  style.textContent = styles
  doc.head.append(style)
}
