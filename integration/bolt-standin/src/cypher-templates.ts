/**
 * The only Cypher the stand-in runs: the statement shapes the integration pipeline sends, matched
 * after whitespace is collapsed. Anything else fails with a message listing what is supported.
 */
import { CypherError } from './cypher-error.js'
import { emptyStats, type GraphStore, type UpdateStats } from './graph-store.js'
import type { PackValue } from './packstream.js'

export interface QueryResult {
  fields: string[]
  records: PackValue[][]
  stats: UpdateStats
  /** Neo4j's query type: `r` read-only, `w` write. */
  type: 'r' | 'w'
}

type Params = { [key: string]: PackValue }
type Row = { [key: string]: PackValue }

interface Template {
  shape: string
  pattern: RegExp
  run(m: { [group: string]: string }, params: Params, store: GraphStore): QueryResult
}

const ID = '[A-Za-z_][A-Za-z0-9_]*'
const g = (name: string) => `(?<${name}>${ID})`

/** A whole-statement pattern over the whitespace-collapsed query text. */
function compile(source: string): RegExp {
  return new RegExp(`^${source}$`)
}

/** `$param` as a list of maps, or a clear error naming it. */
function rowsParam(params: Params, name: string): Row[] {
  const value = params[name]
  const isRow = (v: PackValue): v is Row =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !('tag' in v)
  if (!Array.isArray(value) || !value.every(isRow)) {
    throw new CypherError(
      'Neo.ClientError.Statement.TypeError',
      `Bolt stand-in: parameter $${name} must be a list of maps`,
    )
  }
  return value
}

function field(row: Row, name: string): PackValue {
  const v = row[name]
  if (v === undefined || v === null) {
    throw new CypherError(
      'Neo.ClientError.Statement.SemanticError',
      `Bolt stand-in: row has no value for "${name}"`,
    )
  }
  return v
}

const templates: Template[] = [
  {
    shape: 'UNWIND $rows AS row MERGE (n:Label {key: row.key}) SET n += row',
    pattern: compile(
      `UNWIND \\$${g('param')} AS ${g('row')} MERGE \\(${g('n')}:${g('label')} \\{${g('key')}: ${g('row2')}\\.${g('field')}\\}\\) SET ${g('n2')} \\+= ${g('row3')}`,
    ),
    run(m, params, store) {
      const stats = emptyStats()
      for (const row of rowsParam(params, m.param!)) {
        const node = store.mergeNode(m.label!, m.key!, field(row, m.field!), stats)
        store.setProperties(node, row, stats)
      }
      return { fields: [], records: [], stats, type: 'w' }
    },
  },
  {
    shape: 'UNWIND $rows AS row MATCH (a:A {k: row.from}) MATCH (b:B {k: row.to}) MERGE (a)-[:TYPE]->(b)',
    pattern: compile(
      `UNWIND \\$${g('param')} AS ${g('row')} MATCH \\(${g('a')}:${g('la')} \\{${g('ka')}: ${g('row2')}\\.${g('fa')}\\}\\) MATCH \\(${g('b')}:${g('lb')} \\{${g('kb')}: ${g('row3')}\\.${g('fb')}\\}\\) MERGE \\(${g('a2')}\\)-\\[(?:${ID})?:${g('type')}\\]->\\(${g('b2')}\\)`,
    ),
    run(m, params, store) {
      const stats = emptyStats()
      for (const row of rowsParam(params, m.param!)) {
        for (const a of store.findNodes(m.la!, m.ka!, field(row, m.fa!))) {
          for (const b of store.findNodes(m.lb!, m.kb!, field(row, m.fb!)))
            store.mergeRelationship(a, m.type!, b, stats)
        }
      }
      return { fields: [], records: [], stats, type: 'w' }
    },
  },
  {
    shape: 'MATCH (n:Label) RETURN count(n) AS alias',
    pattern: compile(`MATCH \\(${g('n')}:${g('label')}\\) RETURN count\\(${g('n2')}\\) AS ${g('alias')}`),
    run(m, _params, store) {
      return {
        fields: [m.alias!],
        records: [[BigInt(store.findNodes(m.label!).length)]],
        stats: emptyStats(),
        type: 'r',
      }
    },
  },
  {
    shape: 'MATCH (a:A)-[r:TYPE]->(b:B) RETURN a.p AS x, b.q AS y ORDER BY x',
    pattern: compile(
      `MATCH \\(${g('a')}:${g('la')}\\)-\\[(?:${ID})?:${g('type')}\\]->\\(${g('b')}:${g('lb')}\\) RETURN ${g('a2')}\\.${g('pa')} AS ${g('x')}, ${g('b2')}\\.${g('pb')} AS ${g('y')} ORDER BY ${g('order')}`,
    ),
    run(m, _params, store) {
      const records = store
        .findPaths(m.la!, m.type!, m.lb!)
        .map(([a, b]): PackValue[] => [a.properties.get(m.pa!) ?? null, b.properties.get(m.pb!) ?? null])
      const col = m.order === m.x ? 0 : m.order === m.y ? 1 : -1
      if (col < 0)
        throw new CypherError(
          'Neo.ClientError.Statement.SyntaxError',
          `Bolt stand-in: ORDER BY ${m.order} is not a returned alias`,
        )
      records.sort((p, q) => compareValues(p[col]!, q[col]!))
      return { fields: [m.x!, m.y!], records, stats: emptyStats(), type: 'r' }
    },
  },
]

function compareValues(a: PackValue, b: PackValue): number {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return Number(a) - Number(b)
  }
  return String(a).localeCompare(String(b))
}

/** The statement shapes the stand-in accepts, for docs and error messages. */
export const supportedShapes = templates.map((t) => t.shape)

/** Runs `query` against `store`, or throws a CypherError naming the query and the supported shapes. */
export function runQuery(query: string, params: Params, store: GraphStore): QueryResult {
  const text = query.replace(/\s+/g, ' ').trim().replace(/;$/, '')
  for (const t of templates) {
    const m = t.pattern.exec(text)
    if (m?.groups && sameVariables(m.groups)) return t.run(m.groups, params, store)
  }
  throw new CypherError(
    'Neo.ClientError.Statement.SyntaxError',
    `Bolt stand-in: unsupported query ${JSON.stringify(text)}; it runs only these shapes: ${supportedShapes.join(' | ')}`,
  )
}

/** Repeated variables (`n` … `n2`, `row` … `row2`) must name the same thing. */
function sameVariables(groups: { [k: string]: string }): boolean {
  return Object.entries(groups).every(([k, v]) => {
    const base = /^(.*?)\d$/.exec(k)?.[1]
    return base === undefined || !(base in groups) || v === groups[base]
  })
}
