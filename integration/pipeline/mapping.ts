/**
 * Step 2: map the relational schema to a graph. Each table becomes a node label (singular,
 * PascalCase), its primary key the node key; each foreign key a relationship from the referencing
 * row to the referenced one, typed after the column (`customer_id` → `CUSTOMER`) unless renamed.
 */
import type { TableSchema } from './introspect.js'

export interface NodeMapping {
  table: string
  label: string
  key: string
  /** Columns copied as properties (foreign key columns become relationships instead). */
  properties: Array<{ column: string; type: string }>
}

export interface RelationshipMapping {
  table: string
  column: string
  type: string
  from: { label: string; key: string; column: string }
  to: { label: string; key: string }
}

export interface GraphMapping {
  nodes: NodeMapping[]
  relationships: RelationshipMapping[]
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

export function labelFor(table: string): string {
  const singular = table.endsWith('ies') ? `${table.slice(0, -3)}y` : table.replace(/s$/, '')
  const label = singular
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
  if (!IDENTIFIER.test(label)) throw new Error(`mapping: table "${table}" gives an unusable label "${label}"`)
  return label
}

export function graphMapping(schema: TableSchema[], renames: Record<string, string> = {}): GraphMapping {
  const byTable = new Map(schema.map((t) => [t.name, t]))
  const nodes = schema.map((t) => {
    const fkColumns = new Set(t.foreignKeys.map((f) => f.column))
    return {
      table: t.name,
      label: labelFor(t.name),
      key: t.primaryKey,
      properties: t.columns
        .filter((c) => !fkColumns.has(c.name))
        .map((c) => ({ column: c.name, type: c.type })),
    }
  })
  const relationships = schema.flatMap((t) =>
    t.foreignKeys
      .filter((f) => byTable.has(f.references.table))
      .map((f) => {
        const type = renames[`${t.name}.${f.column}`] ?? f.column.replace(/_id$/, '').toUpperCase()
        if (!IDENTIFIER.test(type))
          throw new Error(`mapping: relationship type "${type}" is not an identifier`)
        return {
          table: t.name,
          column: f.column,
          type,
          from: { label: labelFor(t.name), key: t.primaryKey, column: t.primaryKey },
          to: { label: labelFor(f.references.table), key: f.references.column },
        }
      }),
  )
  for (const n of nodes) {
    for (const name of [n.key, ...n.properties.map((p) => p.column)]) {
      if (!IDENTIFIER.test(name))
        throw new Error(`mapping: column "${n.table}.${name}" is not a property name`)
    }
  }
  return { nodes, relationships }
}
