// Color palettes. ComfyUI's palette service writes the palette's `comfy_base` colors as CSS
// variables on :root and toggles the `dark-theme` class that PrimeVue's darkModeSelector keys on.
// Real hosts put the class on <body>; the playground sets it on <html> and <body> so both
// `:root.dark-theme`-style and `body.dark-theme`-style checks see what they would in ComfyUI.

export type PaletteId = 'dark' | 'light'

/** From ComfyUI_frontend src/constants/coreColorPalettes.ts (`comfy_base`). */
const PALETTES: Record<PaletteId, Record<string, string>> = {
  dark: {
    'fg-color': '#fff',
    'bg-color': '#202020',
    'comfy-menu-bg': '#353535',
    'comfy-menu-secondary-bg': '#303030',
    'comfy-input-bg': '#222',
    'input-text': '#ddd',
    'descrip-text': '#999',
    'drag-text': '#ccc',
    'error-text': '#ff4444',
    'border-color': '#4e4e4e',
    'tr-even-bg-color': '#222',
    'tr-odd-bg-color': '#353535',
    'content-bg': '#4e4e4e',
    'content-fg': '#fff',
    'content-hover-bg': '#222',
    'content-hover-fg': '#fff',
    'bar-shadow': 'rgba(16, 16, 16, 0.5) 0 0 0.5rem'
  },
  light: {
    'fg-color': '#222',
    'bg-color': '#DDD',
    'comfy-menu-bg': '#F5F5F5',
    'comfy-menu-secondary-bg': '#EEE',
    'comfy-input-bg': '#C9C9C9',
    'input-text': '#222',
    'descrip-text': '#444',
    'drag-text': '#555',
    'error-text': '#F44336',
    'border-color': '#888',
    'tr-even-bg-color': '#f9f9f9',
    'tr-odd-bg-color': '#fff',
    'content-bg': '#e0e0e0',
    'content-fg': '#222',
    'content-hover-bg': '#adadad',
    'content-hover-fg': '#222',
    'bar-shadow': 'rgba(16, 16, 16, 0.25) 0 0 0.5rem'
  }
}

export function toPaletteId(value: unknown): PaletteId {
  return value === 'light' ? 'light' : 'dark'
}

export function applyPalette(id: PaletteId): void {
  const root = document.documentElement
  for (const [name, value] of Object.entries(PALETTES[id])) root.style.setProperty(`--${name}`, value)
  const dark = id === 'dark'
  root.classList.toggle('dark-theme', dark)
  document.body.classList.toggle('dark-theme', dark)
  root.style.colorScheme = dark ? 'dark' : 'light'
}
