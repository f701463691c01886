/**
 * The stand-in's data: an in-memory property graph with MERGE/MATCH primitives and Neo4j-style
 * update counters. Snapshots give transactions their rollback.
 */
import type { PackValue } from './packstream.js'

export interface GraphNode {
  id: number
  labels: string[]
  properties: Map<string, PackValue>
}

export interface GraphRelationship {
  id: number
  type: string
  start: number
  end: number
  properties: Map<string, PackValue>
}

/** The counters Neo4j reports in a result summary (`stats`). */
export interface UpdateStats {
  'nodes-created': number
  'relationships-created': number
  'properties-set': number
  'labels-added': number
}

export function emptyStats(): UpdateStats {
  return { 'nodes-created': 0, 'relationships-created': 0, 'properties-set': 0, 'labels-added': 0 }
}

/** Cypher equality for the scalar values the stand-in keys on: 1 = 1.0, strings by value. */
export function sameValue(a: PackValue | undefined, b: PackValue | undefined): boolean {
  const numeric = (v: unknown) => typeof v === 'bigint' || typeof v === 'number'
  if (numeric(a) && numeric(b)) return Number(a) === Number(b)
  return a === b
}

export class GraphStore {
  #nodes: GraphNode[] = []
  #relationships: GraphRelationship[] = []
  #nextId = 0

  /** Nodes carrying `label` whose property `key` equals `value` (every node with `label` when no key). */
  findNodes(label: string, key?: string, value?: PackValue): GraphNode[] {
    return this.#nodes.filter(
      (n) => n.labels.includes(label) && (key === undefined || sameValue(n.properties.get(key), value)),
    )
  }

  /** `MERGE (n:label {key: value})`: the existing node, or a new one (counted in `stats`). */
  mergeNode(label: string, key: string, value: PackValue, stats: UpdateStats): GraphNode {
    const existing = this.findNodes(label, key, value)[0]
    if (existing) return existing
    const node: GraphNode = { id: this.#nextId++, labels: [label], properties: new Map([[key, value]]) }
    this.#nodes.push(node)
    stats['nodes-created']++
    stats['labels-added']++
    stats['properties-set']++
    return node
  }

  /** `SET n += map`: copies every entry (null removes the property), counting each one set. */
  setProperties(node: GraphNode, map: { [key: string]: PackValue }, stats: UpdateStats): void {
    for (const [k, v] of Object.entries(map)) {
      if (v === null) node.properties.delete(k)
      else node.properties.set(k, v)
      stats['properties-set']++
    }
  }

  /** `MERGE (a)-[:type]->(b)`: the existing relationship or a new one. */
  mergeRelationship(start: GraphNode, type: string, end: GraphNode, stats: UpdateStats): GraphRelationship {
    const existing = this.#relationships.find(
      (r) => r.start === start.id && r.end === end.id && r.type === type,
    )
    if (existing) return existing
    const rel: GraphRelationship = {
      id: this.#nextId++,
      type,
      start: start.id,
      end: end.id,
      properties: new Map(),
    }
    this.#relationships.push(rel)
    stats['relationships-created']++
    return rel
  }

  /** `(a:startLabel)-[:type]->(b:endLabel)` as node pairs, in creation order. */
  findPaths(startLabel: string, type: string, endLabel: string): Array<[GraphNode, GraphNode]> {
    const byId = new Map(this.#nodes.map((n) => [n.id, n]))
    const out: Array<[GraphNode, GraphNode]> = []
    for (const r of this.#relationships) {
      const a = byId.get(r.start)
      const b = byId.get(r.end)
      if (r.type === type && a?.labels.includes(startLabel) && b?.labels.includes(endLabel)) out.push([a, b])
    }
    return out
  }

  /** A deep copy to restore on ROLLBACK. */
  snapshot(): () => void {
    const copy = (n: GraphNode | GraphRelationship) => ({ ...n, properties: new Map(n.properties) })
    const nodes = this.#nodes.map((n) => copy(n) as GraphNode)
    const relationships = this.#relationships.map((r) => copy(r) as GraphRelationship)
    const nextId = this.#nextId
    return () => {
      this.#nodes = nodes
      this.#relationships = relationships
      this.#nextId = nextId
    }
  }
}
