/**
 * Where a `socket.connect(...)` call is going, read from any of its call forms:
 * `(options[, cb])`, `(port[, host][, cb])`, `(path[, cb])`, or Node's own pre-normalised array
 * (what `net.connect` passes), without calling Node's internal `_normalizeArgs`.
 */
import type { LookupFunction, NetConnectOpts } from 'node:net'

export interface ConnectTarget {
  host: string | undefined
  port: number | undefined
  /** Unix socket path; only a truthy path counts (@mswjs/interceptors passes `path: ""`). */
  path: string | undefined
  lookup: LookupFunction | undefined
}

export function readConnectTarget(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]
  if (first !== null && typeof first === 'object') {
    const o = first as Partial<NetConnectOpts> & Record<string, unknown>
    const path = typeof o.path === 'string' && o.path ? o.path : undefined
    return {
      host: typeof o.host === 'string' && o.host ? o.host : path ? undefined : 'localhost',
      port: path ? undefined : toPort(o.port),
      path,
      lookup: typeof o.lookup === 'function' ? (o.lookup as LookupFunction) : undefined,
    }
  }
  if (typeof first === 'string' && first && !/^\d+$/.test(first)) {
    return { host: undefined, port: undefined, path: first, lookup: undefined }
  }
  const second = Array.isArray(args[0]) ? undefined : args[1]
  return {
    host: typeof second === 'string' && second ? second : 'localhost',
    port: toPort(first),
    path: undefined,
    lookup: undefined,
  }
}

function toPort(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return undefined
}

/**
 * The same call with `lookup` replaced. Node's normalised array is edited in place (it is made per
 * call, and carries a private marker a copy would lose); user objects are copied, never mutated.
 */
export function withLookup(args: unknown[], lookup: LookupFunction): unknown[] {
  if (Array.isArray(args[0])) {
    const normalized = args[0] as unknown[]
    normalized[0] = { ...(normalized[0] as object), lookup }
    return args
  }
  if (args[0] !== null && typeof args[0] === 'object') {
    return [{ ...(args[0] as object), lookup }, ...args.slice(1)]
  }
  const callback = args.find((a) => typeof a === 'function')
  const target = readConnectTarget(args)
  const options = { port: target.port, host: target.host, lookup }
  return callback ? [options, callback] : [options]
}
