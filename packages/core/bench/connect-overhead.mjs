#!/usr/bin/env node
// Benchmark (not a test): the guard's cost per raw TCP connection, no HTTP.
//
//   npx tsc -p packages/core/tsconfig.build.json && npx node packages/core/bench/connect-overhead.mjs [rounds] [connections]
//
// A loopback server in a child process accepts and closes; this process opens connections 16 at a
// time with `net.connect`, alternating rounds without and with `egressGuard()`, and prints the
// median client CPU per connection of each.
import { fork } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

if (process.argv[2] === '--server') {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    socket.end()
  })
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.send?.(server.address().port))
  process.on('disconnect', () => process.exit(0))
} else {
  const [rounds = 10, connections = 2000] = process.argv.slice(2).map(Number)
  const { egressGuard } = await import('../dist/index.js')
  const child = fork(fileURLToPath(import.meta.url), ['--server'])
  const port = await new Promise((resolve) => child.once('message', resolve))
  const connectOnce = () =>
    new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.resume()
      socket.on('close', resolve)
      socket.on('error', () => {})
    })
  async function cpuPerConnection(count) {
    const start = process.cpuUsage()
    for (let i = 0; i < count; i += 16) await Promise.all(Array.from({ length: 16 }, connectOnce))
    const used = process.cpuUsage(start)
    return (used.user + used.system) / count
  }
  await cpuPerConnection(connections)
  const off = []
  const on = []
  for (let round = 0; round < rounds; round++) {
    off.push(await cpuPerConnection(connections))
    const guard = egressGuard()
    on.push(await cpuPerConnection(connections))
    guard.dispose()
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
  const [a, b] = [median(off), median(on)]
  console.log(
    `node ${process.version}, ${rounds} rounds x ${connections} connections: client CPU per connection ` +
      `off ${a.toFixed(1)} us | guard ${b.toFixed(1)} us (${b >= a ? '+' : ''}${(100 * (b / a - 1)).toFixed(1)}%)`,
  )
  child.disconnect()
}
