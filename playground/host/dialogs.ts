// `extensionManager.dialog`: confirm/prompt answered through the host's own modal. Results follow
// ComfyUI's dialogService: confirm -> true (confirm), false ("No" of dirtyClose), null (cancel or
// close); prompt -> the text, or null when closed.
import { shallowRef } from 'vue'

import type { ConfirmationType } from './types'

export type DialogRequest =
  | {
      kind: 'confirm'
      title: string
      message: string
      type: ConfirmationType
      itemList: string[]
      hint?: string
      resolve: (value: boolean | null) => void
    }
  | {
      kind: 'prompt'
      title: string
      message: string
      defaultValue: string
      placeholder?: string
      resolve: (value: string | null) => void
    }

export function createDialogService() {
  /** The dialog on screen; later requests wait their turn. */
  const current = shallowRef<DialogRequest | null>(null)
  const waiting: DialogRequest[] = []

  function show(request: DialogRequest): void {
    if (current.value) waiting.push(request)
    else current.value = request
  }

  /** Called by the dialog component exactly once per request. */
  function settle(value: boolean | string | null): void {
    const request = current.value
    if (!request) return
    current.value = waiting.shift() ?? null
    if (request.kind === 'confirm') request.resolve(typeof value === 'boolean' ? value : null)
    else request.resolve(typeof value === 'string' ? value : null)
  }

  return {
    current,
    settle,
    confirm(options: {
      title: string
      message: string
      type?: ConfirmationType
      itemList?: string[]
      hint?: string
    }) {
      const { title, message, type = 'default', itemList = [], hint } = options
      return new Promise<boolean | null>((resolve) =>
        show({ kind: 'confirm', title, message, type, itemList, hint, resolve })
      )
    },
    prompt(options: { title: string; message: string; defaultValue?: string; placeholder?: string }) {
      const { title, message, defaultValue = '', placeholder } = options
      return new Promise<string | null>((resolve) =>
        show({ kind: 'prompt', title, message, defaultValue, placeholder, resolve })
      )
    }
  }
}

export type DialogService = ReturnType<typeof createDialogService>
