import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { validConfig } from '../src/config-file.js'

const packageDir = resolve(fileURLToPath(import.meta.url), '../..')
const repoRoot = resolve(packageDir, '../..')
const schema = JSON.parse(readFileSync(join(packageDir, 'schema/egress-guard.config.schema.json'), 'utf8'))
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

const accepted = (config: unknown) => {
  try {
    validConfig('egress-guard.config.json', config)
    return true
  } catch {
    return false
  }
}

describe('the shipped JSON Schema of egress-guard.config.json', () => {
  it.each([
    'packages/node-test/test/fixtures/block-loopback/egress-guard.config.json',
    'packages/node-test/test/fixtures/record-mode/egress-guard.config.json',
    'packages/mocha/test/fixtures/block-loopback/egress-guard.config.json',
    'packages/jest/test/fixtures/block-loopback/egress-guard.config.json',
  ])('accepts the fixture config %s', (path) => {
    const config = JSON.parse(readFileSync(join(repoRoot, path), 'utf8'))
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
  })

  it('rejects the malformed fixture config', () => {
    const config = JSON.parse(
      readFileSync(
        join(repoRoot, 'packages/node-test/test/fixtures/bad-config/egress-guard.config.json'),
        'utf8',
      ),
    )
    expect(validate(config)).toBe(false)
    expect(validate.errors).toMatchObject([{ instancePath: '/mode', keyword: 'enum' }])
  })

  // The schema is what editors check; validConfig is what the runners enforce: they must agree
  // (the schema cannot parse rules, so rule grammar is left to validConfig).
  it.each([
    [{}],
    [{ $schema: './node_modules/@egress-guard/gate/schema/egress-guard.config.schema.json', mode: 'record' }],
    [{ mode: 'off', allow: ['db.test:5432', '*.corp.test'], allowLoopback: false }],
    [{ report: 'out/egress.json', baseline: 'egress-baseline.json' }],
    [{ mode: 'audit' }],
    [{ allow: 'db.test' }],
    [{ allow: [5432] }],
    [{ allowLoopback: 'yes' }],
    [{ report: ' ' }],
    [{ reportt: 'x.json' }],
    [[]],
    ['block'],
  ])('agrees with the runners on %j', (config) => {
    expect(validate(config)).toBe(accepted(config))
  })
})
