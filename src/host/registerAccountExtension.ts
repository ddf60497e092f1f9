import { api } from 'comfyui:api'
import { app } from 'comfyui:app'

import { createAccountExtension } from './accountExtension'

export function registerAccountExtension(): void {
  try {
    app.registerExtension(createAccountExtension(app, api))
  } catch (error) {
    // ComfyUI must boot even if we cannot; its toast service may not exist this early.
    console.error('[ComfyUI-Account] could not register; ComfyUI keeps working without it.', error)
  }
}
