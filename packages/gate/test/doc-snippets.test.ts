import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The runner guides quote fixture files after a "From `path`" line; each quoted block must still be
// in that file, line for line (indentation aside), so the docs cannot drift from tested code.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..')
const guides = [
  { doc: 'docs/node-test.md', atLeast: 5 },
  { doc: 'docs/mocha.md', atLeast: 4 },
  { doc: 'docs/jest.md', atLeast: 5 },
]

function quotedBlocks(doc: string) {
  return [...doc.matchAll(/```(?:ts|json)\n([\s\S]*?)```/g)].map((block) => {
    const from = [...doc.slice(0, block.index).matchAll(/From\s+`([^`]+)`/g)].at(-1)?.[1]
    return { path: from, block: block[1] as string }
  })
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

describe.each(guides)('$doc', ({ doc, atLeast }) => {
  const quoted = quotedBlocks(readFileSync(join(repoRoot, doc), 'utf8'))

  it('quotes fixtures', () => {
    expect(quoted.filter((q) => q.path).length).toBeGreaterThanOrEqual(atLeast)
  })

  it.each(quoted.map((q, i) => [`${i + 1}: ${q.path}`, q] as const))(
    'quotes %s verbatim',
    (_name, { path, block }) => {
      expect(path, 'every code block names its source with "From `path`"').toBeDefined()
      const source = lines(readFileSync(join(repoRoot, path as string), 'utf8'))
      const wanted = lines(block)
      const start = source.indexOf(wanted[0] as string)
      expect(start, `first line of the snippet not found in ${path}`).not.toBe(-1)
      expect(source.slice(start, start + wanted.length)).toEqual(wanted)
    },
  )
})
