import { createAccountExtension } from './accountExtension'
import type { HostApi, HostApp } from './hostTypes'

interface ExposedHost {
  comfyAPI?: { app?: { app?: HostApp }; api?: { api?: HostApi } }
}

/**
 * ComfyUI's shims (`../../scripts/app.js`, `api.js`) are one-line re-exports of
 * `window.comfyAPI.app.app` and `window.comfyAPI.api.api`, which the host fills before it imports
 * any extension (docs/host-contract.md, "Loading"). Reading them where the shims do spares ComfyUI a second round
 * trip to its server while it waits for us at start-up (README: Performance).
 */
export function registerAccountExtension(): void {
  try {
    const exposed = (window as ExposedHost).comfyAPI
    const app = exposed?.app?.app
    const api = exposed?.api?.api
    if (!app || !api)
      throw new Error('window.comfyAPI has no app or api: this is not a ComfyUI frontend we know.')
    app.registerExtension(createAccountExtension(app, api))
  } catch (error) {
    // ComfyUI must boot even if we cannot; its toast service may not exist this early.
    console.error('[ComfyUI-Account] could not register; ComfyUI keeps working without it.', error)
  }
}
