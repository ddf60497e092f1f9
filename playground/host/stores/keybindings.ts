// Extension keybindings: a document-level keydown listener runs the bound command.
// (ComfyUI's keybindingService is richer; this covers `{ combo, commandId }`.)
import { shallowReactive } from 'vue'

import type { Keybinding, KeyCombo } from '../types'

export interface KeybindingStore {
  readonly keybindings: readonly Keybinding[]
  add(keybinding: Keybinding): void
  /** Starts listening; returns the function that stops. */
  listen(execute: (commandId: string) => Promise<void>): () => void
}

function matches(combo: KeyCombo, event: KeyboardEvent): boolean {
  return (
    combo.key.toLowerCase() === event.key.toLowerCase() &&
    !!combo.ctrl === event.ctrlKey &&
    !!combo.alt === event.altKey &&
    !!combo.shift === event.shiftKey &&
    !!combo.meta === event.metaKey
  )
}

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  )
}

export function createKeybindingStore(): KeybindingStore {
  const keybindings = shallowReactive<Keybinding[]>([])
  return {
    keybindings,
    add(keybinding) {
      keybindings.push(keybinding)
    },
    listen(execute) {
      const onKeyDown = (event: KeyboardEvent): void => {
        if (isTextInput(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) return
        const binding = keybindings.find(
          (kb) =>
            matches(kb.combo, event) &&
            (!kb.targetElementId ||
              document.getElementById(kb.targetElementId)?.contains(event.target as Node))
        )
        if (!binding) return
        event.preventDefault()
        execute(binding.commandId).catch((error: unknown) => console.error(error))
      }
      document.addEventListener('keydown', onKeyDown)
      return () => document.removeEventListener('keydown', onKeyDown)
    }
  }
}
