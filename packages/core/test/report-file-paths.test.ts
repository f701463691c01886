import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildReportFile, parseReportFile } from '../src/report-file.js'
import { repositoryRoot, rootRelativeLocation } from '../src/report-file-root.js'

const tempRepo = () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'egress-root-')))
  mkdirSync(join(dir, '.git'))
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true })
  return dir
}

const attempt = (stack: string) => ({
  protocol: 'tcp' as const,
  host: 'api.example.test',
  port: 443,
  verdict: 'recorded' as const,
  reason: 'no rule',
  stack,
  timestamp: '2026-01-01T00:00:00.000Z',
})

describe('paths relative to the repository root', () => {
  it('finds the nearest folder with .git above the working directory', () => {
    const repo = tempRepo()
    expect(repositoryRoot(join(repo, 'src', 'deep'), {})).toBe(repo)
  })

  it('takes EGRESS_GUARD_ROOT over the .git search', () => {
    const repo = tempRepo()
    expect(repositoryRoot(join(repo, 'src'), { EGRESS_GUARD_ROOT: '..' })).toBe(repo)
    expect(repositoryRoot(repo, { EGRESS_GUARD_ROOT: join(repo, 'src') })).toBe(join(repo, 'src'))
  })

  it('falls back to the working directory when no .git is above it', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'egress-no-git-')))
    // tmpdir() is not inside a repository on the test machines; guard the assumption.
    const above = repositoryRoot(dir, {})
    expect(above === dir || !above.startsWith(tmpdir())).toBe(true)
  })

  it('makes locations inside the root relative, keeps the ones outside absolute', () => {
    const repo = tempRepo()
    expect(rootRelativeLocation(join(repo, 'src/a.ts:3:9'), repo)).toBe('src/a.ts:3:9')
    expect(rootRelativeLocation(`${pathToFileURL(join(repo, 'src/b.mjs')).href}:1:2`, repo)).toBe(
      'src/b.mjs:1:2',
    )
    expect(rootRelativeLocation('/elsewhere/c.js:1:1', repo)).toBe('/elsewhere/c.js:1:1')
    expect(rootRelativeLocation('src/already.ts:1:1', repo)).toBe('src/already.ts:1:1')
  })

  it('writes report files with relative stacks for attempts and unguarded children', () => {
    const repo = tempRepo()
    const file = buildReportFile({
      root: repo,
      runId: 'r',
      processes: [],
      attempts: [attempt(join(repo, 'src/client.ts:12:7')), attempt('/opt/other/x.js:1:1')],
      children: [
        { file: 'curl', args: [], parentPid: 1, timestamp: 't', stack: join(repo, 'src/spawn.ts:4:2') },
      ],
    })
    expect(file.attempts.map((a) => a.stack)).toEqual(['src/client.ts:12:7', '/opt/other/x.js:1:1'])
    expect(file.violations.map((a) => a.stack)).toEqual(['src/client.ts:12:7', '/opt/other/x.js:1:1'])
    expect(file.children.map((c) => c.stack)).toEqual(['src/spawn.ts:4:2'])
  })

  it('reads an older report with absolute paths as it is', () => {
    const repo = tempRepo()
    const path = join(repo, 'old.json')
    const old = { egressGuardReport: 1, runId: 'o', attempts: [attempt('/home/ci/app/src/a.ts:1:2')] }
    writeFileSync(path, JSON.stringify(old))
    const parsed = parseReportFile(JSON.stringify(old), path)
    expect(parsed.attempts.map((a) => a.stack)).toEqual(['/home/ci/app/src/a.ts:1:2'])
  })
})
