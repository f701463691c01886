/**
 * Step 1 of the pipeline: introspect the relational schema (columns, primary keys, foreign keys)
 * from Postgres's information_schema.
 */
import type pg from 'pg'

export interface ForeignKey {
  column: string
  references: { table: string; column: string }
}

export interface TableSchema {
  name: string
  columns: Array<{ name: string; type: string }>
  primaryKey: string
  foreignKeys: ForeignKey[]
}

export async function introspectSchema(db: pg.ClientBase, tables: string[]): Promise<TableSchema[]> {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
    [tables],
  )
  const keys = await db.query<{ table_name: string; column_name: string; constraint_type: string }>(
    `SELECT tc.table_name, kcu.column_name, tc.constraint_type
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu
       ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     WHERE tc.table_schema = 'public' AND tc.table_name = ANY($1) AND tc.constraint_type = 'PRIMARY KEY'`,
    [tables],
  )
  const fks = await db.query<{
    table_name: string
    column_name: string
    ref_table: string
    ref_column: string
  }>(
    `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
     FROM information_schema.referential_constraints rc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name
     WHERE kcu.table_schema = 'public' AND kcu.table_name = ANY($1)`,
    [tables],
  )
  return tables.map((name) => {
    const cols = columns.rows.filter((c) => c.table_name === name)
    if (cols.length === 0) throw new Error(`introspect: table "${name}" does not exist in schema public`)
    const pk = keys.rows.find((k) => k.table_name === name)
    if (!pk) throw new Error(`introspect: table "${name}" has no primary key to use as the node key`)
    return {
      name,
      columns: cols.map((c) => ({ name: c.column_name, type: c.data_type })),
      primaryKey: pk.column_name,
      foreignKeys: fks.rows
        .filter((f) => f.table_name === name)
        .map((f) => ({ column: f.column_name, references: { table: f.ref_table, column: f.ref_column } })),
    }
  })
}
