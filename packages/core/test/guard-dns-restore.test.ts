import dgram from 'node:dgram'
import dns from 'node:dns'
import { describe, expect, it } from 'vitest'
import { EgressGuardError, egressGuard } from '../src/index.js'

/** Every function the DNS and UDP patch points replace, found the way they find them. */
function patchedKeys(): [label: string, owner: object, key: string][] {
  const queries = Object.getOwnPropertyNames(dns.Resolver.prototype).filter(
    (k) => k.startsWith('resolve') || k === 'reverse',
  )
  const owners: [string, object][] = [
    ['dns.Resolver.prototype', dns.Resolver.prototype],
    ['dns.promises.Resolver.prototype', dns.promises.Resolver.prototype],
    ['dns', dns],
    ['dns.promises', dns.promises],
  ]
  const keys: [string, object, string][] = owners.flatMap(([label, owner]) =>
    queries.map((k) => [label, owner, k] as [string, object, string]),
  )
  for (const [label, owner] of [
    ['dns', dns],
    ['dns.promises', dns.promises],
  ] as const) {
    for (const key of ['lookup', 'lookupService', 'setServers']) keys.push([label, owner, key])
  }
  for (const key of ['send', 'connect', 'connectSync']) {
    if (key in dgram.Socket.prototype) keys.push(['dgram.Socket.prototype', dgram.Socket.prototype, key])
  }
  return keys
}

function descriptors(): Map<string, PropertyDescriptor | undefined> {
  return new Map(
    patchedKeys().map(([label, owner, key]) => [
      `${label}.${key}`,
      Object.getOwnPropertyDescriptor(owner, key),
    ]),
  )
}

describe('DNS and UDP patches', () => {
  it('replace every dns and dgram function while guarded and put back the exact descriptors', () => {
    const before = descriptors()
    expect(before.size).toBeGreaterThanOrEqual(4 * 15 + 6 + 2)
    const guard = egressGuard()
    const during = descriptors()
    const unpatched = [...before]
      .filter(([key, d]) => during.get(key)?.value === d?.value)
      .map(([key]) => key)
    expect(unpatched).toEqual([])
    guard.dispose()
    expect(descriptors()).toEqual(before)
    for (const [key, d] of descriptors()) expect(d?.value, key).toBe(before.get(key)?.value)
  })

  it('fail closed: when one function cannot be patched, egressGuard throws and nothing stays patched', () => {
    const before = descriptors()
    const original = Object.getOwnPropertyDescriptor(
      dns.Resolver.prototype,
      'resolveTxt',
    ) as PropertyDescriptor
    const alreadyPatched = Object.defineProperty(
      function resolveTxt() {},
      Symbol.for('egress-guard.patched'),
      { value: true },
    )
    Object.defineProperty(dns.Resolver.prototype, 'resolveTxt', { ...original, value: alreadyPatched })
    try {
      expect(() => egressGuard()).toThrow(EgressGuardError)
      const after = descriptors()
      after.delete('dns.Resolver.prototype.resolveTxt')
      before.delete('dns.Resolver.prototype.resolveTxt')
      expect(after).toEqual(before)
    } finally {
      Object.defineProperty(dns.Resolver.prototype, 'resolveTxt', original)
    }
  })
})
