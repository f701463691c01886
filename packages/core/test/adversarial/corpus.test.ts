/**
 * The bypass corpus (issue 17) as a test: run-corpus.mjs runs every case in cases/*.mjs as its own
 * process against counting servers and prints its summary; here its totals must be 0, documented
 * known escapes aside (`--allow-known`), and the corpus must not be empty.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { isHermetic } from '../../../../test-support/hermetic.js'
import { ensureBuilt } from '../fixtures/cli/build.js'

interface CorpusResult {
  id: string
  file: string
  verdict: string
  knownEscape?: string
  findings: { kind: string; why: string }[]
}
interface CorpusSummary {
  cases: number
  totals: Record<string, number>
  knownTotals: Record<string, number>
  staleKnown: string[]
  results: CorpusResult[]
}

const runner = fileURLToPath(new URL('./run-corpus.mjs', import.meta.url))

function runCorpus(json: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, '--allow-known', '--json', json], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      output += d
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe.runIf(isHermetic)('the bypass corpus', () => {
  beforeAll(() => ensureBuilt(), 180_000)

  it('has at least 80 cases; no escape, false block, unrecorded block or unclear error beyond the documented ones', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'egress-corpus-test-')), 'corpus.json')
    const { code, output } = await runCorpus(json)
    const summary = JSON.parse(readFileSync(json, 'utf8')) as CorpusSummary
    const known = summary.results.filter((r) => r.knownEscape && r.findings.length > 0)
    // The documented known escapes, printed with every run so they stay visible.
    console.log(
      `bypass corpus: ${summary.cases} cases; documented known escapes:\n${known.map((r) => `  ${r.id} (${r.file}): ${r.knownEscape}`).join('\n')}`,
    )
    expect(summary.cases).toBeGreaterThanOrEqual(80)
    const unexpected = summary.results.filter((r) => !r.knownEscape && r.findings.length > 0)
    expect(unexpected, output).toEqual([])
    for (const kind of Object.keys(summary.totals)) {
      expect((summary.totals[kind] ?? 0) - (summary.knownTotals[kind] ?? 0), kind).toBe(0)
    }
    expect(summary.staleKnown, 'knownEscape marks on cases that no longer escape').toEqual([])
    expect(code, output).toBe(0)
  }, 600_000)
})
