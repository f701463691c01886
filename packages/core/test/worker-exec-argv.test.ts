import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildCore } from './build-core.js'

const fixture = fileURLToPath(new URL('./fixtures/workers/inherited-flags.mjs', import.meta.url))

describe('Workers started under the guard', () => {
  it('start with the preload when the process has flags a Worker refuses explicitly (node --test)', () => {
    buildCore()
    const run = spawnSync(process.execPath, ['--stack-trace-limit=50', '--v8-pool-size=2', fixture], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', EGRESS_GUARD_MODE: '' },
    })
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')
    expect(result).toMatchObject({ started: true })
    expect(result.argv).toMatch(/--require \S+register\.js/)
    expect(result.argv).not.toContain('--v8-pool-size')
  })
})
