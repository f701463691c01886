#!/usr/bin/env node
// Benchmark (not a test): the guard's cost on a connect-heavy loopback HTTP workload.
//
//   npx tsc -p packages/core/tsconfig.build.json && npx node packages/core/bench/http-overhead.mjs [rounds] [requests] [concurrency]
//
// Every request opens a new connection (`agent: false`) to a loopback server running in a child
// process, so this process's CPU time is the client's alone. Three variants alternate round by round
// (rotating order) in one run: no guard; the whole guard (`egressGuard()`); and the guard without its
// HTTP layer (every patch point but undici-dispatcher and http-diagnostics, installed through the
// same internal patch stack), which isolates the HTTP layer's own cost. Figures are medians of client
// CPU per request, with wall time beside them.
import http from 'node:http'
import { startLoopbackHttpServer } from './support/loopback-http-server.mjs'

await main()

async function main() {
  const [rounds = 12, requests = 2000, concurrency = 16] = process.argv.slice(2).map(Number)
  const { egressGuard } = await import('../dist/index.js')
  const { applyPatchPoints } = await import('../dist/guard/patch-stack.js')
  const { GuardScope } = await import('../dist/guard/scope.js')
  const { guardState } = await import('../dist/guard/state.js')
  const { allPatchPoints } = await import('../dist/patches/all-patches.js')
  const { httpDiagnosticsPatch } = await import('../dist/patches/http/diagnostics.js')
  const { undiciDispatcherPatch } = await import('../dist/patches/undici/dispatcher.js')
  const withoutHttp = allPatchPoints.filter((p) => p !== httpDiagnosticsPatch && p !== undiciDispatcherPatch)

  /** Install a variant; returns [dispose, attempts()]. */
  function install(variant) {
    if (variant === 'off') return [() => {}, () => requests]
    if (variant === 'guard') {
      const guard = egressGuard({ mode: 'block' })
      return [() => guard.dispose(), () => guard.report.attempts.length]
    }
    const scope = new GuardScope('block', {}, undefined)
    const state = guardState()
    const restore = applyPatchPoints(withoutHttp)
    state.globalScopes.push(scope)
    state.liveScopes++
    return [
      () => {
        state.globalScopes.pop()
        state.liveScopes--
        restore()
      },
      () => scope.report.attempts.length,
    ]
  }
  const server = await startLoopbackHttpServer()
  const port = server.port

  const get = () =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/bench', agent: false }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end()
    })

  async function round(variant) {
    const [dispose, attempts] = install(variant)
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    let next = 0
    const worker = async () => {
      while (next++ < requests) await get()
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    const wall = Number(process.hrtime.bigint() - start) / 1e6
    const used = process.cpuUsage(cpu)
    dispose()
    if (attempts() !== requests)
      throw new Error(`${variant}: expected ${requests} attempts, got ${attempts()}`)
    return { cpuMs: (used.user + used.system) / 1000, wallMs: wall }
  }

  const variants = ['off', 'guard', 'noHttp']
  for (const variant of variants) await round(variant) // warm-up
  const results = { off: [], guard: [], noHttp: [] }
  for (let i = 0; i < rounds; i++) {
    const order = variants.map((_, k) => variants[(i + k) % variants.length])
    for (const variant of order) results[variant].push(await round(variant))
  }
  server.stop()

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  const summary = (key) => ({
    cpuUsPerRequest: (median(results[key].map((r) => r.cpuMs)) * 1000) / requests,
    wallUsPerRequest: (median(results[key].map((r) => r.wallMs)) * 1000) / requests,
  })
  const off = summary('off')
  const guard = summary('guard')
  const noHttp = summary('noHttp')
  const pct = (a, b) => `${a / b >= 1 ? '+' : ''}${((a / b - 1) * 100).toFixed(1)}%`
  console.log(
    `node ${process.version}, ${rounds} rounds x ${requests} requests, concurrency ${concurrency}, new connection per request`,
  )
  for (const [label, key] of [
    ['client CPU per request', 'cpuUsPerRequest'],
    ['wall time per request ', 'wallUsPerRequest'],
  ]) {
    console.log(
      `${label}: off ${off[key].toFixed(1)} us | guard ${guard[key].toFixed(1)} us (${pct(guard[key], off[key])} vs off) | ` +
        `guard without HTTP layer ${noHttp[key].toFixed(1)} us (${pct(noHttp[key], off[key])} vs off); HTTP layer alone ${pct(guard[key], noHttp[key])}`,
    )
  }
}
