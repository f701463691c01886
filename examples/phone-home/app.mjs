// A small "air-gapped" service that is not: besides its own store on loopback, it sends telemetry,
// downloads a model and lets an SDK phone home. Every name below is a `.test` name or a
// benchmarking address that exists only inside the demo's private network namespace.
import https from 'node:https'
import net from 'node:net'

/** The declared store: a loopback server, as a real app's local database would be. */
export function startStore() {
  const server = net.createServer((socket) => socket.end('OK\n'))
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function settle(promise) {
  return promise.then(
    () => 'sent',
    (error) => `failed: ${error.code ?? error.cause?.code ?? error.message}`,
  )
}

export async function runJob(storePort) {
  const outcomes = {}
  outcomes.store = await settle(
    new Promise((resolve, reject) => {
      const socket = net.connect(storePort, '127.0.0.1', () => socket.end()).resume()
      socket.on('close', resolve).on('error', reject)
    }),
  )
  // An OpenTelemetry-style exporter posting spans.
  outcomes.telemetry = await settle(
    fetch('http://telemetry.test:4318/v1/traces', { method: 'POST', body: '{}' }),
  )
  // A model download at start-up.
  outcomes.model = await settle(
    new Promise((resolve, reject) => {
      https.get('https://models.example.test/weights.bin', resolve).on('error', reject)
    }),
  )
  // A vendor SDK that phones home by address.
  outcomes.sdk = await settle(
    new Promise((resolve, reject) => {
      const socket = net.connect(443, '198.18.0.10', () => socket.end()).resume()
      socket.on('close', resolve).on('error', reject)
    }),
  )
  return outcomes
}
