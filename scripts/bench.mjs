#!/usr/bin/env node
// npm run bench: build, then run every benchmark (packages/*/bench/*.mjs) one after another inside
// the hermetic network namespace, with the pinned Node. Benchmarks print figures; they never fail on
// timing. `npm run bench -- policy` runs only the benchmarks whose file name contains "policy".
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const filter = process.argv[2] ?? ''
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const benches = []
for (const pkg of readdirSync('packages')) {
  let files = []
  try {
    files = readdirSync(join('packages', pkg, 'bench'))
  } catch {
    continue
  }
  for (const file of files)
    if (file.endsWith('.mjs') && file.includes(filter)) benches.push(join('packages', pkg, 'bench', file))
}
if (benches.length === 0) {
  console.error(`bench: no benchmark matches "${filter}"`)
  process.exit(2)
}
let failed = 0
for (const bench of benches.sort()) {
  console.log(`\n==> ${bench}`)
  const run = spawnSync('node', ['scripts/hermetic.mjs', '--', process.execPath, bench], { stdio: 'inherit' })
  if (run.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
