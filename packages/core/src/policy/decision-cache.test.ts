import { describe, expect, it } from 'vitest'
import { createPolicy } from './create-policy.js'

describe("a policy's decision cache", () => {
  const policy = createPolicy({ allow: ['db.test:5432', '198.18.0.0/15:443', 'https://otel.test/v1/'] })

  it('answers a destination it has seen with the same frozen decision', () => {
    const first = policy.decide({ host: '127.0.0.1', port: 80, address: '127.0.0.1' })
    const again = policy.decide({ host: '127.0.0.1', port: 80, address: '127.0.0.1' })
    expect(again).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(() => {
      ;(first as { allowed: boolean }).allowed = false
    }).toThrow(TypeError)
    expect(policy.decide({ host: '127.0.0.1', port: 80, address: '127.0.0.1' }).allowed).toBe(true)
  })

  it('keeps destinations apart that differ in any field', () => {
    expect(policy.decide({ host: 'db.test', port: 5432 }).allowed).toBe(true)
    expect(policy.decide({ host: 'db.test', port: 5433 }).allowed).toBe(false)
    expect(policy.decide({ host: 'db.test' }).allowed).toBe(false)
    expect(policy.decide({ host: 'db.test', port: 5432, address: '169.254.169.254' }).allowed).toBe(false)
    expect(policy.decide({ host: 'db.test', port: 5432, address: '198.18.0.10' }).allowed).toBe(true)
    expect(policy.decide({ host: 'db.test:5432' }).allowed).toBe(false)
    expect(policy.decide({ host: '198.18.0.10', port: 443 }).allowed).toBe(true)
    expect(policy.decide({ host: '198.18.0.10', port: 80 }).allowed).toBe(false)
  })

  it('judges URLs and unix paths every time (a path prefix decides them)', () => {
    const inside = { host: 'otel.test', port: 443, url: 'https://otel.test/v1/traces' }
    const outside = { host: 'otel.test', port: 443, url: 'https://otel.test/admin' }
    expect(policy.decide(inside).allowed).toBe(true)
    expect(policy.decide(outside).allowed).toBe(false)
    expect(policy.decide(inside)).not.toBe(policy.decide(inside))
  })

  it('stays right after it fills up and starts over', () => {
    for (let i = 0; i < 10_000; i++) {
      const address = `198.18.${(i >> 8) & 255}.${i & 255}`
      expect(policy.decide({ host: address, port: 443 }).allowed).toBe(true)
      expect(policy.decide({ host: address, port: 80 }).allowed).toBe(false)
    }
    expect(policy.decide({ host: '127.0.0.1', port: 80, address: '127.0.0.1' }).allowed).toBe(true)
  })
})
