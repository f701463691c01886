/** A Bolt server over TCP: one BoltConnection per client, all sharing one in-memory graph. */
import net from 'node:net'
import { type AuthConfig, parseNeo4jAuth } from './auth.js'
import { BoltConnection, type BoltServerConfig } from './bolt-connection.js'
import { GraphStore } from './graph-store.js'
import type { BoltVersion } from './handshake.js'

/** Bolt 5.1 (LOGON) up to 5.4: what the stand-in speaks; the driver proposes 5.0–5.8. */
export const supportedVersions: BoltVersion[] = [4, 3, 2, 1].map((minor) => ({ major: 5, minor }))

export interface BoltServerOptions {
  host?: string
  port?: number
  auth?: AuthConfig
  advertisedAddress?: string
  log?: (line: string) => void
}

export interface BoltServer {
  readonly server: net.Server
  readonly store: GraphStore
  /** The bound port (useful with port 0). */
  readonly port: number
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export async function startBoltServer(options: BoltServerOptions = {}): Promise<BoltServer> {
  const store = new GraphStore()
  const config: BoltServerConfig = {
    auth: options.auth ?? parseNeo4jAuth(undefined),
    store,
    versions: supportedVersions,
    advertisedAddress: options.advertisedAddress,
    agent: 'Neo4j/5.26.0',
    log: options.log ?? (() => {}),
  }
  const sockets = new Set<net.Socket>()
  let next = 0
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    new BoltConnection(socket, config, `bolt-${next++}`)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 7687, options.host ?? '0.0.0.0', () => resolve())
  })
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return {
    server,
    store,
    port: (server.address() as net.AddressInfo).port,
    close,
    [Symbol.asyncDispose]: close,
  }
}
