#!/usr/bin/env node
// Benchmark (not a test): what users compare. Client CPU per operation on four loopback workloads,
// for no guard, egress-guard (block and record, 50 name rules and a CIDR), msw 3 `setupServer` in
// bypass mode, nock 15 (`disableNetConnect()` + `enableNetConnect` for loopback) and
// `@mswjs/interceptors` pass-through, with an A/A control (no guard on both sides) as the noise floor.
//
//   npm run bench -- compare            (writes docs/performance.md)
//   node scripts/hermetic.mjs -- node packages/core/bench/compare.mjs [rounds] [ops] [--write FILE]
//   (run from the repository root; writes docs/performance.md unless --write names another file)
//
// Method: pairs. Every round measures each variant right beside a no-guard run (order alternating
// round by round: A B, then B A), each for `ops` operations; the pair's ratio is the variant's client
// CPU (process.cpuUsage, user+system) over the no-guard run's. The table gives the median of those
// pair ratios; the A/A line pairs no guard with no guard, the floor below which a difference is
// noise. The server runs in a child process, so the CPU is the client's alone.
import { writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import { startLoopbackHttpServer } from './support/loopback-http-server.mjs'

/** `[rounds] [ops] [--write FILE] [--only WORD]`: positional numbers, and two flags with a value. */
function parseArgs(argv) {
  const numbers = []
  const flags = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--write' || argv[i] === '--only') flags[argv[i].slice(2)] = argv[++i]
    else numbers.push(Number(argv[i]))
  }
  return { numbers, flags }
}
const { numbers, flags } = parseArgs(process.argv.slice(2))
const [rounds = 11, ops = 1000] = numbers
// `--only WORD` measures only the workloads whose label contains WORD (and writes no file).
const only = flags.only
const outFile = only === undefined ? (flags.write ?? 'docs/performance.md') : undefined

const { egressGuard } = await import('../dist/index.js')
const server = await startLoopbackHttpServer()
const origin = `http://127.0.0.1:${server.port}`
const rules = [...Array.from({ length: 50 }, (_, i) => `svc-${i}.corp.test:443`), '10.20.0.0/16']

// ---- workloads: one operation each ------------------------------------------------------------
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 })
const request = (agent) =>
  new Promise((resolve, reject) => {
    http
      .get(`${origin}/bench`, { agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      .on('error', reject)
  })
const workloads = {
  'http, new connection per request': () => request(false),
  'http, keep-alive agent': () => request(keepAlive),
  'global fetch (undici pool)': async () => {
    const res = await fetch(`${origin}/bench`)
    await res.arrayBuffer()
  },
  // msw 3 and @mswjs/interceptors 0.45 (socket-level interception) hang a raw net.connect whose peer
  // closes at once, and nock 15 with disableNetConnect throws on it (checked with a one-connection
  // probe): raw TCP is not what they are for, so this workload compares no guard and egress-guard.
  'net.connect, raw TCP (mocking libraries do not apply)': () =>
    new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.end())
      socket.on('close', resolve)
      socket.on('error', reject)
    }),
}

// ---- variants: install() returns dispose() ----------------------------------------------------
const { setupServer } = await import('msw/node')
const { default: nock } = await import('nock')
nock.restore()
const { ClientRequestInterceptor } = await import('@mswjs/interceptors/ClientRequest')
const { FetchInterceptor } = await import('@mswjs/interceptors/fetch')
const msw = setupServer()

const variants = {
  'no guard (A)': () => () => {},
  'no guard (A/A control)': () => () => {},
  'egress-guard block': () => {
    const guard = egressGuard({ mode: 'block', allow: rules })
    return () => guard.dispose()
  },
  'egress-guard record': () => {
    const guard = egressGuard({ mode: 'record', allow: rules })
    return () => guard.dispose()
  },
  'msw 3 setupServer (bypass)': () => {
    msw.listen({ onUnhandledFrame: 'bypass' })
    return () => msw.close()
  },
  'nock 15 disableNetConnect + loopback': () => {
    nock.activate()
    nock.disableNetConnect()
    nock.enableNetConnect(/127\.0\.0\.1|localhost/)
    return () => {
      nock.enableNetConnect()
      nock.cleanAll()
      nock.restore()
    }
  },
  '@mswjs/interceptors pass-through': () => {
    const interceptors = [new ClientRequestInterceptor(), new FetchInterceptor()]
    for (const interceptor of interceptors) interceptor.apply()
    return () => {
      for (const interceptor of interceptors) interceptor.dispose()
    }
  },
}

async function measure(workload, install) {
  const dispose = install()
  try {
    const before = process.cpuUsage()
    for (let i = 0; i < ops; i++) await workload()
    const used = process.cpuUsage(before)
    return used.user + used.system
  } finally {
    dispose()
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`

const allNames = Object.keys(variants)
const guardOnly = allNames.filter((n) => n.startsWith('no guard') || n.startsWith('egress-guard'))
const sections = []
for (const [label, workload] of Object.entries(workloads)) {
  if (only !== undefined && !label.includes(only)) continue
  const names = label.startsWith('net.connect') ? guardOnly : allNames
  for (const name of names) await measure(workload, variants[name]) // warm-up
  const ratios = Object.fromEntries(names.map((n) => [n, []]))
  const baseUs = []
  for (let r = 0; r < rounds; r++) {
    const order = names.filter((n) => n !== 'no guard (A)')
    for (let k = 0; k < order.length; k++) {
      const name = order[(r + k) % order.length]
      const first = r % 2 === 0
      const a = first ? await measure(workload, variants['no guard (A)']) : undefined
      const b = await measure(workload, variants[name])
      const base = a ?? (await measure(workload, variants['no guard (A)']))
      baseUs.push(base / ops)
      ratios[name].push(b / base)
    }
  }
  const floor = median(ratios['no guard (A/A control)'])
  const spread = Math.max(...ratios['no guard (A/A control)'].map((r) => Math.abs(r - 1)))
  const rows = names
    .filter((n) => n !== 'no guard (A)')
    .map((n) => {
      const ratio = median(ratios[n])
      const inside = n !== 'no guard (A/A control)' && Math.abs(ratio - 1) <= Math.abs(floor - 1) + 0.02
      return `| ${n} | ${pct(ratio)}${inside ? ' (inside the noise floor)' : ''} |`
    })
  sections.push(
    [
      `### ${label}`,
      '',
      `No guard: ${median(baseUs).toFixed(1)} µs client CPU per operation. A/A control: ${pct(floor)} (median of ${rounds} pairs; largest single-pair A/A difference ${(spread * 100).toFixed(1)}%).`,
      '',
      '| variant | client CPU vs no guard (median of pair ratios) |',
      '| --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  )
  console.log(sections.at(-1))
}
keepAlive.destroy()
server.stop()

if (outFile) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const text = [
    '# Performance',
    '',
    'Written by `npm run bench -- compare` (packages/core/bench/compare.mjs); do not edit by hand.',
    '',
    `Node ${process.version} on ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${cpu}; ${rounds} pairs × ${ops} operations per variant and workload, loopback only, inside the hermetic namespace. egress-guard runs with 50 name rules and a CIDR.`,
    '',
    'Each figure is the median over rounds of (variant CPU ÷ no-guard CPU measured right beside it, order alternating). The A/A control pairs no guard with no guard: a figure within its distance from 0 (plus 2 points) is reported as inside the noise floor. On a shared machine, read the A/A line first.',
    '',
    ...sections,
  ].join('\n')
  writeFileSync(outFile, text)
  console.log(`wrote ${outFile}`)
}
