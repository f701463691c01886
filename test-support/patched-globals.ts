/**
 * Snapshot of every property egress-guard may patch: own descriptors, compared by identity.
 * The shared `afterEach` uses it to prove each test left Node exactly as it found it.
 */
import childProcess, { ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import dns from 'node:dns'
import dnsPromises from 'node:dns/promises'
import net from 'node:net'
import tls from 'node:tls'
import workerThreads from 'node:worker_threads'

type Owner = [label: string, owner: object, keys: PropertyKey[]]

function tcpPrototype(): object {
  return (process as unknown as { binding(n: string): { TCP: { prototype: object } } }).binding('tcp_wrap')
    .TCP.prototype
}

/** Every own function-valued property: new patch points in these objects are covered automatically. */
function functionKeys(owner: object): PropertyKey[] {
  return Reflect.ownKeys(owner).filter((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key)
    return descriptor !== undefined && 'value' in descriptor && typeof descriptor.value === 'function'
  })
}

function owners(): Owner[] {
  const list: Owner[] = [
    ['net.Socket.prototype', net.Socket.prototype, ['connect']],
    ['net', net, ['connect', 'createConnection']],
    ['tls', tls, ['connect']],
    ['TCP.prototype', tcpPrototype(), ['connect', 'connect6']],
    ['dgram.Socket.prototype', dgram.Socket.prototype, ['send', 'connect', 'connectSync']],
    ['dns', dns, functionKeys(dns)],
    ['dns.Resolver.prototype', dns.Resolver.prototype, functionKeys(dns.Resolver.prototype)],
    ['dns.promises', dnsPromises, functionKeys(dnsPromises)],
    [
      'dns.promises.Resolver.prototype',
      dnsPromises.Resolver.prototype,
      functionKeys(dnsPromises.Resolver.prototype),
    ],
    [
      'child_process',
      childProcess,
      ['spawn', 'spawnSync', 'execSync', 'execFileSync', 'exec', 'execFile', 'fork'],
    ],
    ['ChildProcess.prototype', ChildProcess.prototype, ['spawn']],
    ['worker_threads', workerThreads, ['Worker']],
    [
      'globalThis',
      globalThis,
      [
        'fetch',
        'WebSocket',
        Symbol.for('undici.globalDispatcher.1'),
        Symbol.for('undici.globalDispatcher.2'),
      ],
    ],
  ]
  return list
}

export type Snapshot = Map<string, PropertyDescriptor | undefined>

export function snapshotPatchedGlobals(): Snapshot {
  const snapshot: Snapshot = new Map()
  for (const [label, owner, keys] of owners()) {
    for (const key of keys)
      snapshot.set(`${label}.${String(key)}`, Object.getOwnPropertyDescriptor(owner, key))
  }
  return snapshot
}

/** Names of properties whose descriptor (value, writability, enumerability, configurability) changed. */
export function changedSince(before: Snapshot): string[] {
  const after = snapshotPatchedGlobals()
  const changed: string[] = []
  for (const [key, was] of before) {
    const now = after.get(key)
    if (!sameDescriptor(was, now)) changed.push(key)
  }
  return changed
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b
  return (
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  )
}
