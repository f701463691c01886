#!/usr/bin/env node
// Benchmark (not a test): the wall-time cost of the egress-guard setup file on a generated suite.
//
//   npx node packages/vitest/bench/suite-overhead.mjs [--files 200] [--rounds 5] [--pool forks] [--isolate false]
//
// Generates FILES test files (three tests each; one dials a loopback server started in beforeAll),
// then runs `vitest run` on them ROUNDS times without and with `@egress-guard/vitest/setup`,
// alternating, and prints the median wall times and their ratio. Loopback only.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    pool: { type: 'string', default: 'forks' },
    isolate: { type: 'string', default: 'true' },
  },
})
const files = Number(values.files)
const rounds = Number(values.rounds)
const packageDir = resolve(fileURLToPath(import.meta.url), '../..')
const repoRoot = resolve(packageDir, '../..')
const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs')

// The suite lives in the repository's .bench-generated/ so that node_modules resolution reaches the
// repository's dependencies (vitest). The two packages are copied into its own node_modules as a
// real install lays them out, and so a rebuild of dist/ during the run cannot change what is
// measured. Not under packages/vitest: from there `@egress-guard/vitest` resolves to the enclosing
// package itself (Node's package self-reference), outside node_modules, and Vitest then transforms
// every egress-guard module through Vite instead of loading it natively as it does for an install.
const generated = join(repoRoot, '.bench-generated')
mkdirSync(generated, { recursive: true })
const dir = mkdtempSync(join(generated, 'run-'))
for (const [name, from] of [
  ['egress-guard', join(repoRoot, 'packages/core')],
  ['@egress-guard/vitest', packageDir],
]) {
  const to = join(dir, 'node_modules', name)
  cpSync(join(from, 'dist'), join(to, 'dist'), { recursive: true })
  cpSync(join(from, 'package.json'), join(to, 'package.json'))
}
const testFile = (i) => `import net from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'

let server
beforeAll(async () => {
  server = net.createServer((socket) => socket.end('hello'))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

test('computes ${i}', () => {
  expect(Array.from({ length: 100 }, (_, k) => k * ${i}).reduce((a, b) => a + b, 0)).toBe(${4950 * i})
})

test('parses ${i}', () => {
  expect(JSON.parse(JSON.stringify({ i: ${i} }))).toEqual({ i: ${i} })
})

test('dials loopback ${i}', async () => {
  const data = await new Promise((resolve, reject) => {
    const socket = net.connect(server.address().port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk) => { text += chunk })
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
  expect(data).toBe('hello')
})
`
for (const variant of ['plain', 'guarded']) {
  const root = join(dir, variant)
  mkdirSync(join(root, 'tests'), { recursive: true })
  for (let i = 0; i < files; i++) writeFileSync(join(root, 'tests', `t${i}.test.mjs`), testFile(i))
  const setupFiles = variant === 'guarded' ? ['@egress-guard/vitest/setup'] : []
  writeFileSync(
    join(root, 'vitest.config.mjs'),
    `export default { test: { setupFiles: ${JSON.stringify(setupFiles)}, pool: ${JSON.stringify(values.pool)},` +
      ` isolate: ${values.isolate !== 'false'} } }\n`,
  )
}

function runOnce(variant) {
  const env = { ...process.env, NO_COLOR: '1' }
  for (const key of Object.keys(env))
    if (key.startsWith('EGRESS_GUARD_') || key.startsWith('VITEST')) delete env[key]
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [vitest, 'run', '--root', join(dir, variant)], {
    env,
    encoding: 'utf8',
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`${variant} run failed:\n${result.stdout}\n${result.stderr}`)
  if (!result.stdout.includes(`${files * 3} passed`))
    throw new Error(`${variant}: unexpected output\n${result.stdout}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
try {
  runOnce('plain') // warm the file system cache and Vite's transform cache
  runOnce('guarded')
  const times = { plain: [], guarded: [] }
  for (let r = 0; r < rounds; r++) {
    for (const variant of r % 2 === 0 ? ['plain', 'guarded'] : ['guarded', 'plain'])
      times[variant].push(runOnce(variant))
  }
  const plain = median(times.plain)
  const guarded = median(times.guarded)
  console.log(
    `files: ${files} (x3 tests), rounds: ${rounds}, pool: ${values.pool}, isolate: ${values.isolate}, node ${process.version}`,
  )
  console.log(
    `plain   runs (ms): ${times.plain.map((t) => t.toFixed(0)).join(', ')}  median ${plain.toFixed(0)}`,
  )
  console.log(
    `guarded runs (ms): ${times.guarded.map((t) => t.toFixed(0)).join(', ')}  median ${guarded.toFixed(0)}`,
  )
  console.log(
    `ratio guarded/plain: ${(guarded / plain).toFixed(4)} (${(((guarded - plain) / plain) * 100).toFixed(2)}% overhead)`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
