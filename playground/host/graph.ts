// The demo graph shown on the canvas and turned into a prompt by `app.graphToPrompt()`.
// Nodes are instances of per-type classes carrying `nodeData`, so `node.constructor.nodeData.api_node`
// answers "is this a partner node?" the way it does on a LiteGraph node in ComfyUI.
import { computed, ref } from 'vue'

import type { GraphPrompt } from './api'
import type { NodeDef } from './types'

const INCLUDE_PARTNER_KEY = 'playground.includePartner'

interface DemoNodeSpec {
  id: number
  type: string
  pos: [number, number]
  widgets: Record<string, unknown>
  /** Input name -> [source node id, output slot]. */
  links?: Record<string, [number, number]>
  partner?: boolean
}

const DEMO_NODES: DemoNodeSpec[] = [
  { id: 1, type: 'LoadImage', pos: [40, 60], widgets: { image: 'example.png' } },
  {
    id: 2,
    type: 'SaveImage',
    pos: [340, 60],
    widgets: { filename_prefix: 'ComfyUI' },
    links: { images: [1, 0] }
  },
  {
    id: 3,
    type: 'OpenAIDalle3',
    pos: [40, 260],
    widgets: {
      prompt: 'a cozy cabin in the snow, watercolor',
      seed: 0,
      quality: 'standard',
      style: 'natural',
      size: '1024x1024'
    },
    partner: true
  },
  { id: 4, type: 'PreviewImage', pos: [340, 260], widgets: {}, links: { images: [3, 0] }, partner: true }
]

export class GraphNode {
  static nodeData?: NodeDef
  static comfyClass = ''
  readonly widgets_values: unknown[]
  constructor(
    readonly id: number,
    readonly type: string,
    readonly title: string,
    readonly pos: [number, number],
    readonly widgetValues: Record<string, unknown>,
    readonly inputLinks: Record<string, [number, number]>
  ) {
    this.widgets_values = Object.values(widgetValues)
  }
  get comfyClass(): string {
    return this.type
  }
}

export function createDemoGraph(defs: Record<string, NodeDef>) {
  const includePartner = ref(localStorage.getItem(INCLUDE_PARTNER_KEY) !== 'false')
  const nodeClasses = new Map<string, typeof GraphNode>()
  const classFor = (type: string): typeof GraphNode => {
    let cls = nodeClasses.get(type)
    if (!cls) {
      cls = class extends GraphNode {}
      cls.nodeData = defs[type]
      cls.comfyClass = type
      nodeClasses.set(type, cls)
    }
    return cls
  }

  const nodes = computed(() =>
    DEMO_NODES.filter((spec) => includePartner.value || !spec.partner).map((spec) => {
      const NodeClass = classFor(spec.type)
      return new NodeClass(
        spec.id,
        spec.type,
        defs[spec.type]?.display_name ?? spec.type,
        spec.pos,
        spec.widgets,
        spec.links ?? {}
      )
    })
  )

  function setIncludePartner(value: boolean): void {
    includePartner.value = value
    localStorage.setItem(INCLUDE_PARTNER_KEY, String(value))
  }

  /** API prompt + workflow JSON, shaped like ComfyUI's graphToPrompt output (hidden inputs omitted). */
  function toPrompt(): GraphPrompt {
    const output: Record<string, unknown> = {}
    const links: [number, number, number, number, number, string][] = []
    const workflowNodes = nodes.value.map((node, order) => {
      const inputs: Record<string, unknown> = { ...node.widgetValues }
      for (const [name, [from, slot]] of Object.entries(node.inputLinks)) {
        inputs[name] = [String(from), slot]
        links.push([links.length + 1, from, slot, node.id, 0, 'IMAGE'])
      }
      output[String(node.id)] = { inputs, class_type: node.type, _meta: { title: node.title } }
      return {
        id: node.id,
        type: node.type,
        pos: node.pos,
        size: [270, 120],
        flags: {},
        order,
        mode: 0,
        properties: { 'Node name for S&R': node.type },
        widgets_values: node.widgets_values
      }
    })
    const workflow = {
      last_node_id: Math.max(0, ...nodes.value.map((n) => n.id)),
      last_link_id: links.length,
      nodes: workflowNodes,
      links,
      groups: [],
      config: {},
      extra: {},
      version: 0.4
    }
    return { output, workflow }
  }

  return { nodes, includePartner, setIncludePartner, toPrompt }
}

export type DemoGraph = ReturnType<typeof createDemoGraph>
