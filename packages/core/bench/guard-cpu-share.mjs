#!/usr/bin/env node
// Benchmark (not a test): the guard's share of client CPU, by CPU-profile attribution.
//
//   npx tsc -p packages/core/tsconfig.build.json && npx node packages/core/bench/guard-cpu-share.mjs [requests]
//
// On a shared, virtualised machine an A/B timing (http-overhead.mjs) varies by ±10% between rounds,
// more than the cost it is after. A CPU profile does not: it says which code the samples landed in.
// This runs the connect-heavy loopback workloads under `egressGuard()` with `--cpu-prof` and counts
// the samples whose nearest JavaScript frame is egress-guard's own code (builtins it calls, such as
// Map#get or Date.now, count as its own; the Node functions it wraps, such as the real
// Socket#connect, do not). It prints that share of busy samples, the garbage collector's share
// with and without the guard (the cost of what the guard allocates and keeps), and the guard
// functions that cost most.
//
// The real TCP handle `connect` is a native call: V8 would charge its time (the connect syscall) to
// the JavaScript function calling it, which is the guard's handle patch. A named shim installed
// before the guard takes that charge instead, in both runs.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startLoopbackHttpServer } from './support/loopback-http-server.mjs'

const self = fileURLToPath(import.meta.url)
const guardCode = fileURLToPath(new URL('../dist/', import.meta.url))
/** Node functions the guard wraps: time under them is the work it guards, not the guard. */
const WRAPPED = new Set(['Socket.connect', 'realHandleConnect', 'connect', 'lookup', 'request'])

if (process.argv[2] === '--client') {
  await client(process.argv[3], process.argv[4] === 'on', Number(process.argv[5]))
} else {
  main(Number(process.argv[2] ?? 20000))
}

async function client(workload, guarded, requests) {
  const { TCP } = process.binding('tcp_wrap')
  const nativeConnect = TCP.prototype.connect
  TCP.prototype.connect = function realHandleConnect(req, address, port) {
    return nativeConnect.call(this, req, address, port)
  }
  const { egressGuard } = await import('../dist/index.js')
  const server = await startLoopbackHttpServer()
  const port = server.port
  const one =
    workload === 'http'
      ? () =>
          new Promise((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port, path: '/bench', agent: false }, (res) => {
              res.resume()
              res.on('end', resolve)
            })
            req.on('error', reject)
          })
      : () =>
          new Promise((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => socket.end())
            socket.resume()
            socket.on('close', resolve)
            socket.on('error', () => {})
          })
  const guard = guarded ? egressGuard() : undefined
  for (let i = 0; i < requests; i += 16) await Promise.all(Array.from({ length: 16 }, one))
  if (guard && guard.report.attempts.length < requests)
    throw new Error(`expected ${requests} attempts, got ${guard.report.attempts.length}`)
  guard?.dispose()
  server.stop()
}

function main(requests) {
  console.log(`node ${process.version}, ${requests} connections per run, 16 at a time, new connection each`)
  for (const workload of ['http', 'tcp']) {
    const on = profile(workload, 'on', requests)
    const off = profile(workload, 'off', requests)
    console.log(
      `${workload.padEnd(4)}: guard code ${pct(on.guard, on.busy)} of client CPU samples; ` +
        `garbage collector ${pct(on.gc, on.busy)} guarded, ${pct(off.gc, off.busy)} unguarded`,
    )
    const top = [...on.byFunction].sort((a, b) => b[1] - a[1]).slice(0, 6)
    console.log(`      most: ${top.map(([name, t]) => `${name} ${pct(t, on.busy)}`).join(', ')}`)
  }
}

function profile(workload, mode, requests) {
  const dir = mkdtempSync(join(tmpdir(), 'egress-guard-cpu-share-'))
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-interval',
        '25',
        '--cpu-prof-dir',
        dir,
        self,
        '--client',
        workload,
        mode,
        String(requests),
      ],
      { stdio: 'inherit' },
    )
    if (run.status !== 0) throw new Error(`${workload} ${mode}: the profiled client failed`)
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
    return attribute(JSON.parse(readFileSync(join(dir, file), 'utf8')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Busy, guard and GC samples of one profile, and the guard's samples per function. */
function attribute(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parents = new Map()
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id)
  // Samples are counted, not weighted by the time since the previous one: a long gap means the
  // thread was descheduled (steal time on a virtual machine), not that the sampled code was slow.
  const selfTime = new Map()
  for (const id of profile.samples) selfTime.set(id, (selfTime.get(id) ?? 0) + 1)
  let busy = 0
  let guard = 0
  let gc = 0
  const byFunction = new Map()
  for (const [id, time] of selfTime) {
    const name = nodes.get(id).callFrame.functionName
    if (name === '(idle)') continue
    busy += time
    if (name === '(garbage collector)') gc += time
    const owner = guardFrameOwning(id, nodes, parents)
    if (owner) {
      guard += time
      const key = `${owner.functionName || '(module)'} (${owner.url.slice(owner.url.indexOf('/dist/') + 6)})`
      byFunction.set(key, (byFunction.get(key) ?? 0) + time)
    }
  }
  return { busy, guard, gc, byFunction }
}

/** The guard frame that a sample's time belongs to, if any. */
function guardFrameOwning(id, nodes, parents) {
  for (let at = id; at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at).callFrame
    const url = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url
    if (url.startsWith(guardCode)) return frame
    const nodeOrBuiltin = url === '' || url.startsWith('node:')
    if (!nodeOrBuiltin || WRAPPED.has(frame.functionName)) return undefined
  }
  return undefined
}

function pct(part, whole) {
  return `${((100 * part) / whole).toFixed(2)}%`
}
