/**
 * Which images the suite runs. `npm run test:integration` builds the local ones and sets
 * POSTGRES_IMAGE and BOLT_STANDIN_IMAGE; `NEO4J_IMAGE` (e.g. `neo4j:5`) selects a real Neo4j
 * wherever one can be pulled, and the Bolt stand-in is used when it is unset.
 */

export interface GraphImage {
  image: string
  kind: 'neo4j' | 'bolt-stand-in'
}

function required(name: string, hint: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: ${hint}`)
  return value
}

const runWrapper = 'run `npm run test:integration`, which builds the local images and sets it'

export function postgresImage(): string {
  return required('POSTGRES_IMAGE', `${runWrapper}, or point it at a Postgres image (e.g. postgres:15)`)
}

export function graphImage(): GraphImage {
  const neo4j = process.env.NEO4J_IMAGE
  if (neo4j) return { image: neo4j, kind: 'neo4j' }
  return {
    image: required('BOLT_STANDIN_IMAGE', `${runWrapper}, or set NEO4J_IMAGE to a Neo4j image`),
    kind: 'bolt-stand-in',
  }
}
