// Heap cost of EgressReport: bytes per listed attempt up to the cap (default 20 000), then the heap
// growth for 100 000 and 1 000 000 more attempts to one destination past the cap (the per-destination
// tally only: it should stay flat), against the same counts with no cap (`maxAttempts: Infinity`).
// Build first, then run on the pinned Node:
//   npm run build --workspace packages/core && npx node packages/core/bench/report-memory.mjs
// A benchmark, not a test: it prints figures and asserts nothing. No I/O, no network. It re-runs
// itself with --expose-gc to measure the heap after full collections.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { EgressReport } from '../dist/index.js'

if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(import.meta.url)
  const run = spawnSync(process.execPath, ['--expose-gc', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exit(run.status ?? 1)
}

const counts = (process.env.BENCH_COUNTS ?? '100000,1000000').split(',').map(Number)
const timestamp = new Date().toISOString()

/** A fresh attempt shaped like an allowed loopback connection, as the guard records one. */
function attempt() {
  return {
    protocol: 'tcp',
    verdict: 'allowed',
    reason: 'loopback',
    host: '127.0.0.1',
    port: 5432,
    address: '127.0.0.1',
    rule: 'loopback',
    timestamp,
  }
}

function heapUsed() {
  for (let i = 0; i < 4; i++) globalThis.gc()
  return process.memoryUsage().heapUsed
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`

function addMany(report, n) {
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) report.add(attempt())
  return Number(process.hrtime.bigint() - started) / n
}

// Up to the cap: every attempt listed.
{
  const base = heapUsed()
  const report = new EgressReport()
  const cap = report.maxAttempts
  const ns = addMany(report, cap)
  const filled = heapUsed()
  console.log(
    `listed up to the cap (${cap} attempts): ${((filled - base) / cap).toFixed(0)} bytes/attempt, ` +
      `${ns.toFixed(0)} ns/add`,
  )
  // Past the cap: counted, not listed.
  for (const n of counts) {
    const before = heapUsed()
    const nsPast = addMany(report, n)
    const after = heapUsed()
    console.log(
      `past the cap, +${n} attempts to one destination: heap ${after >= before ? '+' : ''}${mb(after - before)}, ` +
        `${nsPast.toFixed(0)} ns/add (omittedAttempts ${report.omittedAttempts}, count ${report.destinations()[0].count})`,
    )
  }
}

// No cap, for comparison: every attempt stays listed.
for (const n of counts) {
  const before = heapUsed()
  const report = new EgressReport({ maxAttempts: Number.POSITIVE_INFINITY })
  addMany(report, n)
  const after = heapUsed()
  console.log(
    `no cap, ${n} attempts: heap +${mb(after - before)} (${((after - before) / n).toFixed(0)} bytes/attempt)`,
  )
  report.add(attempt()) // keep it alive until measured
}
