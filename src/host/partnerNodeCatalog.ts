/**
 * Which of a prompt's nodes are partner (API) nodes: node definitions from `GET /object_info`
 * carry `api_node: true` for them (docs/host-contract.md, "Partner-node credentials"). Read once,
 * on the first question, and again after a failed read.
 */
import type { HostApi } from './hostTypes'

interface NodeDef {
  api_node?: boolean
  display_name?: string
}

type GraphOutput = Record<string, { class_type?: string } | undefined>

/** Display names of the partner nodes in a prompt's output, once each. */
export function partnerNodesIn(output: GraphOutput, defs: Record<string, NodeDef>): string[] {
  const names = new Set<string>()
  for (const node of Object.values(output)) {
    const def = node?.class_type ? defs[node.class_type] : undefined
    if (def?.api_node && node?.class_type) names.add(def.display_name || node.class_type)
  }
  return [...names]
}

export interface PartnerNodeCatalog {
  /** Display names of the partner nodes in an API-format prompt (`{ id: { class_type } }`). */
  namesIn(output: unknown): Promise<string[]>
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function createPartnerNodeCatalog(api: HostApi): PartnerNodeCatalog {
  let defs: Promise<Record<string, NodeDef>> | undefined
  const nodeDefs = () =>
    (defs ??= api
      .fetchApi('/object_info')
      .then((r) => r.json() as Promise<Record<string, NodeDef>>)
      .catch(() => {
        defs = undefined
        return {}
      }))
  return {
    async namesIn(output) {
      return isRecord(output) ? partnerNodesIn(output as GraphOutput, await nodeDefs()) : []
    }
  }
}
