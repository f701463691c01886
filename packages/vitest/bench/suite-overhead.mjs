#!/usr/bin/env node
// Benchmark (not a test): the wall-time cost of the egress-guard setup file on a generated suite.
//
//   npx node packages/vitest/bench/suite-overhead.mjs [--files 200] [--rounds 5] [--pool forks] [--isolate false]
//
// Generates FILES test files (three tests each; one dials a loopback server started in beforeAll),
// then runs `vitest run` on them ROUNDS times without a setup file, with an empty one, and with
// `@egress-guard/vitest/setup`, rotating the order, and prints the median wall times and their
// ratios. Loopback only.
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
// `empty-setup` runs a setup file that does nothing: what any setup file costs in Vitest, the floor
// under the guarded figure.
const VARIANTS = ['plain', 'empty-setup', 'guarded']
for (const variant of VARIANTS) {
  const root = join(dir, variant)
  mkdirSync(join(root, 'tests'), { recursive: true })
  for (let i = 0; i < files; i++) writeFileSync(join(root, 'tests', `t${i}.test.mjs`), testFile(i))
  writeFileSync(join(root, 'empty-setup.mjs'), '// does nothing\n')
  const setupFiles = {
    plain: [],
    'empty-setup': ['./empty-setup.mjs'],
    guarded: ['@egress-guard/vitest/setup'],
  }[variant]
  writeFileSync(
    join(root, 'vitest.config.mjs'),
    `export default { test: { setupFiles: ${JSON.stringify(setupFiles)}, pool: ${JSON.stringify(values.pool)},` +
      ` isolate: ${values.isolate !== 'false'} } }\n`,
  )
}

/**
 * One `vitest run`: its wall time, and the CPU time of its whole process tree (main process and
 * every worker), which bash's `times` reports for the children it waited for. On a shared machine
 * the CPU figure is the steadier of the two.
 */
function runOnce(variant) {
  const env = { ...process.env, NO_COLOR: '1' }
  for (const key of Object.keys(env))
    if (key.startsWith('EGRESS_GUARD_') || key.startsWith('VITEST')) delete env[key]
  const started = process.hrtime.bigint()
  const script = '"$0" "$@"; status=$?; times >&2; exit $status'
  const result = spawnSync(
    'bash',
    ['-c', script, process.execPath, vitest, 'run', '--root', join(dir, variant)],
    {
      env,
      encoding: 'utf8',
    },
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`${variant} run failed:\n${result.stdout}\n${result.stderr}`)
  if (!result.stdout.includes(`${files * 3} passed`))
    throw new Error(`${variant}: unexpected output\n${result.stdout}`)
  return { ms, cpuMs: childrenCpuMs(result.stderr) }
}

/** The children's line of bash's `times` (`0m1.234s 0m0.567s`): user + system, in ms. */
function childrenCpuMs(stderr) {
  const line = stderr.trim().split('\n').at(-1) ?? ''
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
  if (seconds.length !== 2) throw new Error(`cannot read the CPU time from bash's times: ${line}`)
  return (seconds[0] + seconds[1]) * 1000
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
try {
  for (const variant of VARIANTS) runOnce(variant) // warm the file system cache and Vite's transform cache
  const times = Object.fromEntries(VARIANTS.map((variant) => [variant, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(r + k) % VARIANTS.length]
      times[variant].push(runOnce(variant))
    }
  }
  console.log(
    `files: ${files} (x3 tests), rounds: ${rounds}, pool: ${values.pool}, isolate: ${values.isolate}, node ${process.version}`,
  )
  for (const [label, key] of [
    ['wall', 'ms'],
    ['CPU ', 'cpuMs'],
  ]) {
    const of = (variant) => times[variant].map((run) => run[key])
    const plain = median(of('plain'))
    for (const variant of VARIANTS) {
      const m = median(of(variant))
      console.log(
        `${label} ${variant.padEnd(11)} (ms): ${of(variant)
          .map((t) => t.toFixed(0))
          .join(', ')}  median ${m.toFixed(0)}  ratio to plain ${(m / plain).toFixed(4)}`,
      )
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
