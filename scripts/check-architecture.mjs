#!/usr/bin/env node
// `npm run check:architecture`: dependency-cruiser over packages/*/src with the rules of
// .dependency-cruiser.cjs (import cycles, and the directions docs/architecture.md allows), printed
// as one block per rule: what the rule says, then each violating import. Exits 1 on any violation.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const config = require(join(root, '.dependency-cruiser.cjs'))
const sources = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `packages/${entry.name}/src`)

let output
try {
  output = execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      ...sources,
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  )
} catch (error) {
  // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
  output = error.stdout
  if (!output) throw error
}
const { summary } = JSON.parse(output)

const byRule = new Map()
for (const violation of summary.violations) {
  const list = byRule.get(violation.rule.name) ?? []
  list.push(violation)
  byRule.set(violation.rule.name, list)
}

const lines = []
for (const rule of config.forbidden) {
  const found = byRule.get(rule.name) ?? []
  lines.push(`${found.length ? 'FAIL' : 'ok  '}  ${rule.name}${found.length ? ` (${found.length})` : ''}`)
  if (!found.length) continue
  lines.push(`      ${rule.comment}`)
  for (const v of found) {
    const what = v.cycle?.length
      ? [v.from, ...v.cycle.map((step) => step.name ?? step)].join(' → ')
      : `${v.from} → ${v.to}`
    lines.push(`        ${what}`)
  }
}
const total = summary.violations.length
lines.push(
  '',
  `check:architecture: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports, ` +
    `${total === 0 ? 'no violations' : `${total} violation(s) of ${byRule.size} rule(s)`} ` +
    '(rules: .dependency-cruiser.cjs)',
)
process.stdout.write(`${lines.join('\n')}\n`)
process.exitCode = total === 0 ? 0 : 1
