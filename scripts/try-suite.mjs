#!/usr/bin/env node
// Tries the Vitest gate on an existing project's suite: plain and gated runs, side by side.
//
//   node scripts/try-suite.mjs <dir> [--runs N] [--no-install] [--timeout MINUTES] [-- extra vitest args]
//
// 1. Outside the network namespace: packs packages/core and packages/vitest from their current dist/
//    and installs the tarballs into <dir> with `npm install --no-save` (skip with --no-install).
// 2. Re-runs itself inside scripts/hermetic.mjs (only loopback exists there), and runs the suite N
//    times plain and N times gated, alternating. Gated = a temporary config beside the project's
//    that imports it and adds the egressGuard() plugin; it is deleted afterwards.
// 3. Prints the tests whose outcome differs with what the gate reported for them, the outcome
//    counts of each run, and the wall-time ratio gated/plain (median over pairs).
// Exit code 0 when the runs happened (differences are data), 1 when they could not run, 2 on bad
// arguments. Logs and JSON reports stay in the printed artifacts directory.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  differences,
  egressLines,
  FILE_LEVEL,
  median,
  readEgressRun,
  readVitestRun,
} from './lib/try-suite-compare.mjs'
import { installGuard } from './lib/try-suite-install.mjs'
import { removeGatedConfig, runVitest, vitestEntry, writeGatedConfig } from './lib/try-suite-run.mjs'

const USAGE =
  'usage: node scripts/try-suite.mjs <dir> [--runs N] [--no-install] [--timeout MINUTES] [-- extra vitest args]'
const INNER = 'EGRESS_TRY_SUITE_INNER'
const FILE_SUFFIX = ` > ${FILE_LEVEL}`
const self = fileURLToPath(import.meta.url)
const hermetic = join(self, '..', 'hermetic.mjs')

class UsageError extends Error {}

try {
  const options = parseArgs(process.argv.slice(2))
  checkSuiteDir(options.dir)
  process.exitCode = process.env[INNER] ? inner(options) : outer(options)
} catch (error) {
  console.error(`try-suite: ${error.message}`)
  if (error instanceof UsageError) console.error(USAGE)
  process.exitCode = error instanceof UsageError ? 2 : 1
}

function parseArgs(argv) {
  const options = { dir: undefined, runs: 1, install: true, timeoutMinutes: 30, extraArgs: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      options.extraArgs = argv.slice(i + 1)
      break
    } else if (arg === '--runs') options.runs = positiveInteger('--runs', argv[++i])
    else if (arg === '--timeout') options.timeoutMinutes = positiveInteger('--timeout', argv[++i])
    else if (arg === '--no-install') options.install = false
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`)
    else if (options.dir === undefined) options.dir = resolve(arg)
    else throw new UsageError(`one suite directory only; got ${options.dir} and ${arg}`)
  }
  if (options.dir === undefined) throw new UsageError('missing the suite directory')
  return options
}

function positiveInteger(name, value) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} needs a positive integer, got ${value}`)
  return n
}

function checkSuiteDir(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory`)
  if (!existsSync(join(dir, 'package.json'))) throw new UsageError(`${dir} has no package.json`)
  if (!existsSync(vitestEntry(dir))) {
    throw new UsageError(
      `${dir} has no node_modules/vitest: run \`npm install --ignore-scripts\` there first`,
    )
  }
}

/** Outside the namespace: install the packed guard, then run this script again inside it. */
function outer(options) {
  const outDir = mkdtempSync(join(tmpdir(), 'try-suite-'))
  if (options.install) installGuard(options.dir, join(outDir, 'tarballs'))
  else if (!existsSync(join(options.dir, 'node_modules', '@egress-guard', 'vitest'))) {
    throw new UsageError(`--no-install, but ${options.dir} has no node_modules/@egress-guard/vitest`)
  }
  const args = [hermetic, '--', process.execPath, self, ...process.argv.slice(2)]
  const result = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, [INNER]: outDir },
  })
  console.log(`try-suite: logs and reports in ${outDir}`)
  return result.status ?? 1
}

/** Inside the namespace: the runs, then the comparison. */
function inner(options) {
  if (process.env.EGRESS_GUARD_HERMETIC !== '1') {
    throw new Error('the runs must happen inside scripts/hermetic.mjs; refusing to run the suite unsealed')
  }
  const outDir = process.env[INNER]
  const runs = runPairs(options, outDir)
  const plain = runs.map((pair) => readOrFail(pair.plain, options.dir))
  const gated = runs.map((pair) => readOrFail(pair.gated, options.dir))
  const egress = runs.map((pair) => readEgressRun(pair.egressReport))
  printCounts(runs, plain, gated, egress)
  printDifferences(differences(plain, gated), gated, egress)
  printWallRatio(runs)
  return 0
}

function runPairs(options, outDir) {
  const pairs = []
  const timeoutMs = options.timeoutMinutes * 60_000
  const common = { suiteDir: options.dir, outDir, extraArgs: options.extraArgs, timeoutMs }
  for (let i = 1; i <= options.runs; i++) {
    const egressReport = join(outDir, `egress-${i}.json`)
    const plain = logged(runVitest({ ...common, label: `plain-${i}` }))
    const config = writeGatedConfig(options.dir, egressReport)
    let gated
    try {
      gated = logged(runVitest({ ...common, label: `gated-${i}`, config, egressReport }))
    } finally {
      removeGatedConfig(config)
    }
    pairs.push({ plain, gated, egressReport })
  }
  return pairs
}

function logged(run) {
  const how = run.timedOut ? 'timed out' : `exit ${run.status ?? run.signal}`
  console.log(`try-suite: ${run.label}: ${(run.wallMs / 1000).toFixed(1)} s, ${how}`)
  return run
}

function readOrFail(run, suiteDir) {
  const result = readVitestRun(run.json, suiteDir)
  if (!result) throw new Error(`${run.label} wrote no JSON results (${run.json}); see ${run.log}`)
  return result
}

function printCounts(runs, plain, gated, egress) {
  console.log('\n== outcomes per run')
  runs.forEach((pair, i) => {
    console.log(`  ${pair.plain.label}: ${countLine(plain[i].counts)}`)
    const gatedNote = egress[i] ? `; gate ran in ${egress[i].report.gatedTests} tests` : '; NO egress report'
    console.log(`  ${pair.gated.label}: ${countLine(gated[i].counts)}${gatedNote}`)
  })
  const destinations = egress.flatMap((run) => run?.report.destinations ?? [])
  const refused = destinations.filter((d) => (d.verdicts.blocked ?? 0) + (d.verdicts.recorded ?? 0) > 0)
  console.log(`\n== destinations the gate refused (all gated runs): ${refused.length}`)
  for (const d of refused) {
    console.log(
      `  ${d.destination} ×${d.count} [${d.protocols.join(',')}] — ${d.tests.slice(0, 3).join('; ')}`,
    )
  }
}

function countLine(c) {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped; ${c.files} files, ${c.fileErrors} file errors`
}

function printDifferences(diffs, gated, egress) {
  console.log(`\n== tests whose outcome differs: ${diffs.length}`)
  const crashed = new Set(diffs.filter((d) => d.key.endsWith(FILE_SUFFIX)).map((d) => fileOf(d.key)))
  const absent = new Map()
  for (const { key, plain, gated: gatedOutcome } of diffs) {
    const file = fileOf(key)
    if (!key.endsWith(FILE_SUFFIX) && crashed.has(file) && [plain, gatedOutcome].includes('absent')) {
      absent.set(file, (absent.get(file) ?? 0) + 1)
      continue
    }
    console.log(`  ${key}${locationOf(key, egress)}\n      plain: ${plain}  gated: ${gatedOutcome}`)
    for (const line of egressLines(key, egress)) console.log(`      gate: ${line}`)
    const message = gated.map((run) => run.fileErrors.get(file)).find(Boolean)
    if (key.endsWith(FILE_SUFFIX) && message) console.log(`      gated file error: ${firstLines(message, 3)}`)
  }
  for (const [file, n] of absent) console.log(`  ${file}: ${n} tests ran on one side only (file error above)`)
}

function fileOf(key) {
  return key.slice(0, key.indexOf(' > '))
}

/** `:line` of the test where the egress report knows it. */
function locationOf(key, egress) {
  const entry = egress.flatMap((run) => run?.byKey.get(key) ?? []).find((e) => e.location)
  return entry ? ` (line ${entry.location.line})` : ''
}

function firstLines(text, n) {
  return text.split('\n').filter(Boolean).slice(0, n).join(' | ')
}

function printWallRatio(runs) {
  const ratios = runs.map((pair) => pair.gated.wallMs / pair.plain.wallMs)
  const shown = ratios.map((r) => r.toFixed(2)).join(', ')
  console.log(
    `\n== wall time gated/plain: ${median(ratios).toFixed(2)}x (median of ${runs.length}: ${shown})`,
  )
}
