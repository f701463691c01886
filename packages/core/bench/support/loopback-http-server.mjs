// The benchmarks' HTTP peer: a loopback server in a child process, so that the benchmark process's
// CPU time is the client's alone. Run as a script it serves and reports its port over IPC; imported,
// `startLoopbackHttpServer()` forks it.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import { fileURLToPath } from 'node:url'

/** Fork the server; resolves with its port and a `stop()` that ends the child. */
export async function startLoopbackHttpServer() {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: [], stdio: 'inherit' })
  const [port] = await once(child, 'message')
  return { port, stop: () => child.disconnect() }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = http.createServer((req, res) => {
    req.resume()
    res.end('ok')
  })
  server.listen(0, '127.0.0.1', () => process.send?.(server.address().port))
  process.on('disconnect', () => process.exit(0))
}
