import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runFixture } from './run-fixture.js'

const packagesDir = resolve(fileURLToPath(import.meta.url), '../../..')
const dir = mkdtempSync(join(tmpdir(), 'egress-native-load-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the plugin in a workspace (fixture: native-load, packages linked, not installed)', async () => {
  const log = join(dir, 'transformed.txt')
  const run = await runFixture('native-load', { env: { FIXTURE_TRANSFORMS: log } })
  const transformed = readFileSync(log, 'utf8').split('\n').filter(Boolean)

  it('runs the suite under the gate', () => {
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('1 passed')
    expect(run.output).toContain('egress-guard: 1 gated tests')
  })

  it("leaves egress-guard and the setup file's imports to Node: Vite transforms none of them", () => {
    // The logger works: the spec file itself is transformed.
    expect(transformed.some((id) => id.endsWith('/native-load/guarded.spec.ts'))).toBe(true)
    const ours = transformed.filter(
      (id) =>
        id.startsWith(join(packagesDir, 'core/dist')) ||
        id.startsWith(join(packagesDir, 'vitest/dist/worker')),
    )
    expect(ours).toEqual([])
  })
})
