/** A loopback port nothing listens on (bound, read, released): dialling it is refused at once. */
import net from 'node:net'

export async function unusedLoopbackPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
