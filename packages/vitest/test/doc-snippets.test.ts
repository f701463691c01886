import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// docs/vitest.md quotes fixture files after a "From `path`" line; each quoted block must still be
// in that file, line for line (indentation aside), so the docs cannot drift from tested code.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..')
const doc = readFileSync(join(repoRoot, 'docs/vitest.md'), 'utf8')
// Each ```ts block, with the last "From `path`" in the prose between it and the previous block.
const quoted = doc
  .split(/```ts\n/)
  .slice(1)
  .map((part, i, parts) => {
    const prose = (
      i === 0 ? doc.split(/```ts\n/)[0] : (parts[i - 1] as string).split('```').slice(1).join('```')
    ) as string
    const from = [...prose.matchAll(/From\s+`([^`]+)`/g)].at(-1)?.[1]
    return { path: from, block: part.split('```')[0] as string }
  })
  .filter((q): q is { path: string; block: string } => q.path !== undefined)

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

describe('docs/vitest.md', () => {
  it('quotes fixtures', () => {
    expect(quoted.length).toBeGreaterThanOrEqual(6)
  })

  it.each(quoted.map((q, i) => [`${i + 1}: ${q.path}`, q] as const))(
    'quotes %s verbatim',
    (_name, { path, block }) => {
      const source = lines(readFileSync(join(repoRoot, path), 'utf8'))
      const wanted = lines(block)
      const start = source.indexOf(wanted[0] as string)
      expect(start, `first line of the snippet not found in ${path}`).not.toBe(-1)
      expect(source.slice(start, start + wanted.length)).toEqual(wanted)
    },
  )
})
