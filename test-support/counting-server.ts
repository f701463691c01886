/**
 * Servers that count the connections they accept, so a test can prove that a blocked connection
 * never reached its peer (not merely that an error was thrown). Close them with `await using`.
 */
import { once } from 'node:events'
import net from 'node:net'

export interface CountingServer extends AsyncDisposable {
  readonly host: string
  readonly port: number
  /** Connections accepted so far. */
  readonly accepted: number
  close(): Promise<void>
}

/** A TCP server on `host` (a loopback or fake-remote address) that greets, counts and closes. */
export async function startCountingServer(
  host: string,
  onConnection?: (socket: net.Socket) => void,
): Promise<CountingServer> {
  let accepted = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    if (onConnection) onConnection(socket)
    else socket.end('hello\n')
  })
  server.listen({ port: 0, host, backlog: 65535 })
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  const close = async () => {
    for (const s of sockets) s.destroy()
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return {
    host,
    port,
    get accepted() {
      return accepted
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
