// Registered commands (host + extensions). Like ComfyUI's commandStore: a duplicate id only warns,
// an unknown id throws, and a failing command is reported (toast) instead of rejecting.
import { markRaw, shallowReactive } from 'vue'

import type { ComfyCommand } from '../types'

export interface CommandStore {
  /** In registration order. */
  readonly commands: readonly ComfyCommand[]
  registerCommand(command: ComfyCommand): void
  execute(commandId: string, options?: { errorHandler?: (error: unknown) => void }): Promise<void>
}

export function createCommandStore(reportError: (error: unknown) => void): CommandStore {
  const byId = shallowReactive(new Map<string, ComfyCommand>())
  return {
    get commands() {
      return [...byId.values()]
    },
    registerCommand(command) {
      if (byId.has(command.id)) console.warn(`Command ${command.id} already registered`)
      byId.set(command.id, markRaw(command))
    },
    async execute(commandId, options = {}) {
      const command = byId.get(commandId)
      if (!command) throw new Error(`Command ${commandId} not found`)
      try {
        await command.function()
      } catch (error) {
        ;(options.errorHandler ?? reportError)(error)
      }
    }
  }
}
