import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EgressConfigError } from './config-file.js'
import { resolveSettings } from './settings.js'

const dirs: string[] = []
function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'egress-gate-settings-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content))
  }
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('resolveSettings: explicit option > environment variable > config file > default', () => {
  it('takes the defaults when nothing is set', () => {
    const root = project({})
    expect(resolveSettings({ root, env: {} })).toMatchObject({
      mode: 'block',
      allow: [],
      allowLoopback: true,
      report: undefined,
      baseline: undefined,
      configFile: undefined,
    })
  })

  it('reads egress-guard.config.json at the root, paths relative to it', () => {
    const root = project({
      'egress-guard.config.json': {
        mode: 'record',
        allow: ['db.test:5432'],
        allowLoopback: false,
        report: 'out/r.json',
      },
    })
    expect(resolveSettings({ root, env: {} })).toMatchObject({
      mode: 'record',
      allow: ['db.test:5432'],
      allowLoopback: false,
      report: join(root, 'out/r.json'),
      configFile: join(root, 'egress-guard.config.json'),
    })
  })

  it('reads the "egressGuard" key of package.json', () => {
    const root = project({ 'package.json': { name: 'x', egressGuard: { mode: 'record' } } })
    expect(resolveSettings({ root, env: {} }).mode).toBe('record')
  })

  it('lets the environment win over the file, and an explicit option over both', () => {
    const root = project({ 'egress-guard.config.json': { mode: 'record', report: 'file.json' } })
    const env = { EGRESS_GUARD_MODE: 'block', EGRESS_GUARD_REPORT: 'env.json' }
    expect(resolveSettings({ root, env })).toMatchObject({ mode: 'block', report: join(root, 'env.json') })
    expect(resolveSettings({ root, env, options: { mode: 'record', report: 'option.json' } })).toMatchObject({
      mode: 'record',
      report: join(root, 'option.json'),
    })
  })

  it('turns the guard off on EGRESS_GUARD_MODE=off whatever the options say', () => {
    const root = project({})
    expect(
      resolveSettings({ root, env: { EGRESS_GUARD_MODE: 'off' }, options: { mode: 'block' } }).mode,
    ).toBe('off')
  })

  it('adds EGRESS_GUARD_ALLOW to the rules instead of replacing them', () => {
    const root = project({ 'egress-guard.config.json': { allow: ['a.test'] } })
    expect(resolveSettings({ root, env: { EGRESS_GUARD_ALLOW: 'b.test, c.test:443' } }).allow).toEqual([
      'a.test',
      'b.test',
      'c.test:443',
    ])
  })
})

describe('a malformed config file', () => {
  it.each([
    [{ mode: 'audit' }, 'mode', /"mode" must be "block", "record" or "off", got "audit"/],
    [{ allow: 'a.test' }, 'allow', /"allow" must be an array of rule strings/],
    [{ allow: ['a.test', 'http://[nope'] }, 'allow', /"allow" has a bad rule: .*http:\/\/\[nope/],
    [{ allowLoopback: 'no' }, 'allowLoopback', /"allowLoopback" must be true or false/],
    [{ reportt: 'x.json' }, 'reportt', /"reportt" is not a known key/],
  ])('is one error naming the file and the key: %j', (config, key, message) => {
    const root = project({ 'egress-guard.config.json': config })
    const attempt = () => resolveSettings({ root, env: {} })
    expect(attempt).toThrow(EgressConfigError)
    expect(attempt).toThrow(message)
    try {
      attempt()
    } catch (error) {
      expect(error).toMatchObject({
        code: 'ERR_EGRESS_CONFIG',
        key,
        file: join(root, 'egress-guard.config.json'),
      })
    }
  })

  it('names a file that is not JSON', () => {
    const root = project({ 'egress-guard.config.json': '{ "mode": ' })
    expect(() => resolveSettings({ root, env: {} })).toThrow(/egress-guard\.config\.json.* is not valid JSON/)
  })
})
