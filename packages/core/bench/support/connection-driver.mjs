// Comparing two builds of egress-guard, which cannot share a process (both keep process-wide state
// under the same keys): one build per process, printing client CPU µs per request for `requests`
// new-connection (or `keepalive`) loopback HTTP requests under egress-guard (block, 50 name rules
// and a CIDR), after a warm-up. scripts/compare-builds.sh alternates two builds pair by pair, with an
// A/A pair (the second build twice) beside each.
//
//   node packages/core/bench/support/connection-driver.mjs DIST_INDEX_JS [new|keepalive] [requests]
import http from 'node:http'

const [dist, kind = 'new', requests = '3000'] = process.argv.slice(2)
const { startLoopbackHttpServer } = await import('./loopback-http-server.mjs')
const server = await startLoopbackHttpServer()
const { egressGuard } = await import(dist)
const rules = [...Array.from({ length: 50 }, (_, i) => `svc-${i}.corp.test:443`), '10.20.0.0/16']
const agent = kind === 'keepalive' ? new http.Agent({ keepAlive: true, maxSockets: 8 }) : false
const get = () =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path: '/b', agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      .on('error', reject)
  })
const guard = egressGuard({ mode: 'block', allow: rules })
const run = async (n) => {
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < n) await get()
    }),
  )
}
await run(500)
const before = process.cpuUsage()
await run(Number(requests))
const used = process.cpuUsage(before)
guard.dispose()
if (agent) agent.destroy()
server.stop()
console.log(((used.user + used.system) / Number(requests)).toFixed(2))
