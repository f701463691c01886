import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildCore } from './build-core.js'

describe('the built main entry (dist/index.js, ADR 0018)', () => {
  buildCore()
  const source = readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8')

  it('is one file: it imports Node built-ins and dependencies, none of its own modules', () => {
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    )
    expect(specifiers.length).toBeGreaterThan(5)
    expect(specifiers.filter((s) => s?.startsWith('.'))).toEqual([])
  })

  it('exports what src/index.ts exports', async () => {
    const built = await import(new URL('../dist/index.js', import.meta.url).href)
    const fromSource = await import('../src/index.js')
    expect(Object.keys(built).sort()).toEqual(Object.keys(fromSource).sort())
  })
})
