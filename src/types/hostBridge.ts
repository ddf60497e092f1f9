/**
 * What the UI and the store may ask of ComfyUI. Implemented in src/host/ (the only code that
 * touches `app` and `api`), and by a fake in component tests.
 */
export interface HostToast {
  severity: 'success' | 'info' | 'warn' | 'error'
  summary: string
  detail?: string
  /** Milliseconds; omit to keep it until dismissed. */
  life?: number
}

export interface HostBridge {
  /** ComfyUI's `Comfy.Locale` setting, unresolved. */
  locale(): string | undefined
  toast(toast: HostToast): void
}
