/**
 * Serves `virtual:comfy-account-boot-messages`: `comfyAccount.boot` of every
 * locales/<lang>/account.json, so the start-up file carries those few strings and nothing more.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Plugin } from 'vite'

const ID = 'virtual:comfy-account-boot-messages'
const RESOLVED = `\0${ID}`

export function bootMessagesPlugin(localesDir: string): Plugin {
  return {
    name: 'comfy-account-boot-messages',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined
      const messages: Record<string, unknown> = {}
      for (const lang of readdirSync(localesDir)) {
        const file = join(localesDir, lang, 'account.json')
        this.addWatchFile(file)
        const main = JSON.parse(readFileSync(file, 'utf8')) as { comfyAccount?: { boot?: unknown } }
        messages[lang] = main.comfyAccount?.boot ?? {}
      }
      return `export default ${JSON.stringify(messages)}`
    }
  }
}
