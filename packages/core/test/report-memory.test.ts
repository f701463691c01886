// The report's heap stays flat past its cap: a child Node with --expose-gc adds a million attempts to
// one destination past a small cap and prints the heap growth. The bound is generous (a listed attempt
// costs ~100 bytes, so a million listed would be ~100 MB); exact figures: bench/report-memory.mjs.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, expect, it } from 'vitest'
import { ensureBuilt, packageRoot } from './fixtures/cli/build.js'

beforeAll(() => ensureBuilt(), 180_000)

const script = (indexUrl: string) => `
  const { EgressReport } = await import(${JSON.stringify(indexUrl)})
  const heap = () => { for (let i = 0; i < 4; i++) gc(); return process.memoryUsage().heapUsed }
  const attempt = () => ({ protocol: 'tcp', verdict: 'allowed', reason: 'loopback', host: '127.0.0.1',
    port: 5432, address: '127.0.0.1', rule: 'loopback', timestamp: new Date(0).toISOString() })
  const report = new EgressReport({ maxAttempts: 1000 })
  for (let i = 0; i < 1000; i++) report.add(attempt())
  const before = heap()
  for (let i = 0; i < 1_000_000; i++) report.add(attempt())
  const growth = heap() - before
  const [d] = report.destinations()
  console.log(JSON.stringify({ growth, listed: report.attempts.length, omitted: report.omittedAttempts, count: d.count }))
`

it('does not grow the heap by more than 2 MB for a million attempts past the cap', () => {
  const indexUrl = pathToFileURL(join(packageRoot, 'dist/index.js')).href
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script(indexUrl)], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  const result = JSON.parse(out) as { growth: number; listed: number; omitted: number; count: number }
  expect(result).toMatchObject({ listed: 1000, omitted: 1_000_000, count: 1_001_000 })
  expect(result.growth).toBeLessThan(2 * 1024 * 1024)
}, 120_000)
