// The host's `app` object (what `/scripts/app.js` re-exports). Follows ComfyUI's ComfyApp and
// extensionService (Comfy-Org/ComfyUI_frontend src/scripts/app.ts, src/services/extensionService.ts)
// in what an extension can observe: registration rules, hook order, error isolation, and how
// `queuePrompt` puts the built-in page's credentials on `api` around each submission.
import { shallowReactive } from 'vue'

import { PromptExecutionError, type ComfyApi, type GraphPrompt } from './api'
import type { BuiltinUser } from './builtinUser'
import type { DemoGraph, GraphNode } from './graph'
import type { CommandStore } from './stores/commands'
import type { ExtensionStore } from './stores/extensions'
import type { KeybindingStore } from './stores/keybindings'
import type { SettingStore } from './stores/settings'
import type { ToastApi } from './toast'
import type { AboutPageBadge, ComfyExtension, ExtensionManager, NodeDef } from './types'

export interface ComfyAppDeps {
  api: ComfyApi
  settings: SettingStore
  commands: CommandStore
  extensions: ExtensionStore
  keybindings: KeybindingStore
  extensionManager: ExtensionManager
  toast: ToastApi
  graph: DemoGraph
  builtinUser: BuiltinUser | undefined
}

/**
 * A native `import()` that Vite cannot see: in dev Vite rewrites a non-literal `import(x)` to add
 * `?import` to the URL, which would give the listed file a different module identity from the
 * same file imported by the extension itself (a chunk would then be evaluated twice).
 */
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>

type HookName = 'init' | 'setup' | 'addCustomNodeDefs'

export class ComfyApp {
  readonly extensionManager: ExtensionManager
  readonly aboutPageBadges = shallowReactive<AboutPageBadge[]>([])
  /** The legacy settings API some extensions still use (`app.ui.settings`). */
  readonly ui: {
    settings: {
      getSettingValue(id: string, defaultValue?: unknown): unknown
      setSettingValue(id: string, value: unknown): void
      setSettingValueAsync(id: string, value: unknown): Promise<void>
    }
  }
  readonly #deps: ComfyAppDeps
  #queueItems: { number: number; batchCount: number }[] = []
  #processingQueue = false

  constructor(deps: ComfyAppDeps) {
    this.#deps = deps
    this.extensionManager = deps.extensionManager
    const { settings } = deps
    this.ui = {
      settings: {
        getSettingValue: (id, defaultValue) => settings.get(id) ?? defaultValue,
        setSettingValue: (id, value) =>
          void settings.set(id, value).catch((error: unknown) => console.error(error)),
        setSettingValueAsync: (id, value) => settings.set(id, value)
      }
    }
  }

  get api(): ComfyApi {
    return this.#deps.api
  }

  /** LiteGraph-like view of the demo graph: `app.graph.nodes[i].constructor.nodeData.api_node`. */
  get graph(): { nodes: GraphNode[] } {
    return { nodes: this.#deps.graph.nodes.value }
  }

  get extensions(): readonly ComfyExtension[] {
    return this.#deps.extensions.extensions
  }

  registerExtension(extension: ComfyExtension): void {
    const { extensions, keybindings, commands, settings } = this.#deps
    extensions.register(extension) // throws for a missing or duplicate name, like ComfyUI
    if (!extensions.isEnabled(extension.name)) return
    extension.keybindings?.forEach((keybinding) => keybindings.add(keybinding))
    extension.commands?.forEach((command) => commands.registerCommand({ ...command, source: extension.name }))
    extension.settings?.forEach((setting) => settings.addSetting(setting))
    if (extension.aboutPageBadges) this.aboutPageBadges.push(...extension.aboutPageBadges)
  }

  /**
   * Runs one hook on every enabled extension in parallel; a throwing extension is logged and
   * skipped, never allowed to stop the others (ComfyUI's invokeExtensionsAsync).
   */
  async invokeExtensionsAsync(method: HookName, ...args: unknown[]): Promise<void> {
    await Promise.all(
      this.#deps.extensions.enabledExtensions.map(async (extension) => {
        const hook = extension[method]
        if (typeof hook !== 'function') return
        try {
          await (hook as (...a: unknown[]) => unknown).call(extension, ...args, this)
        } catch (error) {
          console.error(
            `Error calling extension '${extension.name}' method '${method}'`,
            { error },
            { extension },
            { args }
          )
        }
      })
    )
  }

  /**
   * `import()`s every listed extension file in parallel; a broken file is logged, never fatal.
   * The import goes through `importModule` so the URL stays exactly the listed one.
   */
  async loadExtensions(): Promise<void> {
    const { api } = this.#deps
    const urls = await api.getExtensions()
    await Promise.all(
      urls.map(async (url) => {
        try {
          await importModule(api.fileURL(url))
        } catch (error) {
          console.error('Error loading extension', url, error)
        }
      })
    )
  }

  /** Boot order of ComfyUI's `app.setup`: load, init, node definitions, setup. */
  async setup(): Promise<Record<string, NodeDef>> {
    await this.loadExtensions()
    await this.invokeExtensionsAsync('init')
    const defs = await this.#deps.api.getNodeDefs()
    await this.invokeExtensionsAsync('addCustomNodeDefs', defs)
    await this.#registerNodeDefs(defs)
    await this.invokeExtensionsAsync('setup')
    return defs
  }

  /** `beforeRegisterNodeDef(nodeType, nodeDef, app)` with a stand-in node class per definition. */
  async #registerNodeDefs(defs: Record<string, NodeDef>): Promise<void> {
    for (const def of Object.values(defs)) {
      const nodeType = { comfyClass: def.name, title: def.display_name, nodeData: def, prototype: {} }
      await Promise.all(
        this.#deps.extensions.enabledExtensions.map(async (extension) => {
          if (typeof extension.beforeRegisterNodeDef !== 'function') return
          try {
            await extension.beforeRegisterNodeDef(nodeType, def, this)
          } catch (error) {
            console.error(`Error calling extension '${extension.name}' method 'beforeRegisterNodeDef'`, {
              error
            })
          }
        })
      )
    }
  }

  async graphToPrompt(): Promise<GraphPrompt> {
    return this.#deps.graph.toPrompt()
  }

  /**
   * Queues `batchCount` submissions of the current graph. Like ComfyUI, credentials are resolved
   * once per call (not per submission: docs/host-contract.md, "Partner-node credentials"): the host's Firebase ID token and its stored
   * API key, each on its own (a body carries both when the host holds both), put on `api` right
   * before each `api.queuePrompt` and deleted after a successful one. Without the built-in page
   * nothing touches `api.authToken` / `api.apiKey` (a fork without the page has no auth stores).
   */
  async queuePrompt(number: number, batchCount = 1): Promise<boolean> {
    const { api, toast, builtinUser } = this.#deps
    this.#queueItems.push({ number, batchCount })
    if (this.#processingQueue) return false
    this.#processingQueue = true
    let ok = true
    try {
      const credentials = await builtinUser?.credentials()
      while (this.#queueItems.length) {
        const item = this.#queueItems.pop()
        if (!item) break
        for (let i = 0; i < item.batchCount; i++) {
          const prompt = await this.graphToPrompt()
          try {
            if (credentials) {
              api.authToken = credentials.authToken
              api.apiKey = credentials.apiKey
            }
            const res = await api.queuePrompt(item.number, prompt)
            if (credentials) {
              delete api.authToken
              delete api.apiKey
            }
            ok = Object.keys(res.node_errors ?? {}).length === 0
          } catch (error) {
            // ComfyUI shows an error dialog here and stops this batch.
            ok = false
            console.error('Error queuing prompt', error)
            const detail =
              error instanceof PromptExecutionError ? JSON.stringify(error.response) : String(error)
            toast.add({ severity: 'error', summary: 'Prompt execution failed', detail, life: 5000 })
            break
          }
        }
      }
    } finally {
      this.#processingQueue = false
    }
    api.dispatchCustomEvent('promptQueued', { number, batchCount })
    return ok
  }
}
