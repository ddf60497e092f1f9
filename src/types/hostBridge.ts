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

/** How ComfyUI reported a failed partner-node run: its 401, its 402, or anything else. */
export interface PartnerNodeFailureRecord {
  kind: 'unauthorized' | 'paymentRequired' | 'other'
  at: number
}

/** What the prompt probe saw: the credential field it carried, and our own lookup's answer. */
export interface PromptProbe {
  carried: 'firebase' | 'apiKey' | 'none' | 'unknown'
  lookup: 'ready' | 'signedOut' | 'unavailable'
}

/** What only the host layer can see, for the setup check (src/host/hostDiagnostics.ts). */
export interface HostDiagnostics {
  /** Queues a probe prompt through ComfyUI's whole queue path, stopped before the network. */
  probePrompt(): Promise<PromptProbe>
  /** The last partner-node run ComfyUI reported failed since the page loaded, if any. */
  lastPartnerNodeFailure(): PartnerNodeFailureRecord | null
  /** ComfyUI's version (its server) and its frontend's, where the host tells. */
  versions(): Promise<{ comfyui: string | null; frontend: string | null }>
}

/** "Sign out after inactivity", which ComfyUI keeps for us as a hidden setting. */
export interface IdleSignOutChoice {
  /** Minutes; 0 is off. */
  minutes(): number
  /**
   * Applies at once, then ComfyUI stores it. Rejects only when the request never reached
   * ComfyUI's server: neither host reports a refusal by the server (docs/host-contract.md).
   */
  choose(minutes: number): Promise<void>
}

export interface HostBridge {
  /** ComfyUI's `Comfy.Locale` setting, unresolved. */
  locale(): string | undefined
  toast(toast: HostToast): void
  /** Set by the extension's setup; absent in component tests and before setup. */
  diagnostics?: HostDiagnostics
  /** Absent in component tests. */
  idleSignOut?: IdleSignOutChoice
}
