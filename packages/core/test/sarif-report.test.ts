import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildReportFile, type FileAttempt } from '../src/report-file.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { runBin } from './fixtures/cli/run-bin.js'
import { schemaErrors } from './fixtures/schemas/validate.js'

vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const at = (second: number, extra: Partial<FileAttempt>): FileAttempt => ({
  protocol: 'tcp',
  host: 'api.test',
  port: 443,
  verdict: 'recorded',
  reason: 'no allow rule covers api.test:443',
  timestamp: `2026-01-01T00:00:0${second}.000Z`,
  ...extra,
})

function reportFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'egress-sarif-'))
  const path = join(dir, 'report.json')
  const file = buildReportFile({
    runId: 'r',
    processes: [],
    children: [],
    attempts: [
      at(1, { stack: 'src/client.ts:12:7', test: 'a > syncs', project: 'api' }),
      at(2, { stack: 'src/client.ts:12:7', test: 'b > syncs again', project: 'api' }),
      at(3, { stack: 'src/other.ts:3:1' }),
      at(4, { protocol: 'tls', host: 'cdn.test', verdict: 'blocked', stack: 'src/cdn.ts:40:11' }),
      at(5, { protocol: 'dns', host: 'resolver.test', port: undefined, verdict: 'blocked' }),
      at(6, {
        protocol: 'unix',
        host: undefined,
        port: undefined,
        path: '/var/run/x.sock',
        verdict: 'allowed',
        rule: 'unix',
      }),
      at(7, {
        host: '127.0.0.1',
        port: 5432,
        verdict: 'allowed',
        rule: 'loopback',
        stack: '/opt/old/abs.js:2:2',
      }),
    ],
  })
  writeFileSync(path, JSON.stringify(file))
  return path
}

describe('egress-guard report --format sarif', () => {
  it('writes SARIF 2.1.0 that the OASIS schema accepts: a rule per verdict, a result per destination and call site', async () => {
    const ran = await runBin(['report', reportFile(), '--format', 'sarif'])
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const sarif = JSON.parse(ran.stdout)
    expect(schemaErrors('sarif', sarif)).toEqual([])
    expect(sarif.version).toBe('2.1.0')
    const [run] = sarif.runs
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'egress/blocked',
      'egress/recorded',
      'egress/allowed',
    ])
    const results = run.results as {
      ruleId: string
      level: string
      locations?: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string }
          region: { startLine: number }
        }
      }[]
      properties: Record<string, unknown>
    }[]
    expect(results.map((r) => [r.ruleId, r.level, r.properties['server.address']])).toEqual([
      ['egress/blocked', 'error', 'cdn.test'],
      ['egress/blocked', 'error', 'resolver.test'],
      ['egress/recorded', 'warning', 'api.test'],
      ['egress/recorded', 'warning', 'api.test'],
      ['egress/allowed', 'note', '127.0.0.1'],
      ['egress/allowed', 'note', '/var/run/x.sock'],
    ])
    const client = results[2]
    expect(client?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/client.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 7 },
    })
    expect(client?.properties).toMatchObject({
      'server.address': 'api.test',
      'server.port': 443,
      'network.transport': 'tcp',
      'egress.count': 2,
      'egress.tests': ['a > syncs', 'b > syncs again'],
    })
    expect(results[0]?.properties['network.transport']).toBe('tcp')
    expect(results[1]?.properties['network.transport']).toBe('udp')
    expect(results[1]?.locations).toBeUndefined()
    expect(results[5]?.properties['network.transport']).toBe('unix')
    // An older report's absolute path stays readable, as a file URI.
    expect(results[4]?.locations?.[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'file:///opt/old/abs.js',
    })
  })

  it('writes the same SARIF to a file with -o', async () => {
    const path = reportFile()
    const out = join(mkdtempSync(join(tmpdir(), 'egress-sarif-out-')), 'egress.sarif')
    const ran = await runBin(['report', path, '--format', 'sarif', '-o', out])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toBe('')
    const stdout = await runBin(['report', path, '--format', 'sarif'])
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout)
  })
})
