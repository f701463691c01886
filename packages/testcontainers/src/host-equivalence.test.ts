import { describe, expect, it } from 'vitest'
import { isLoopbackHost, isSameHost } from './host-equivalence.js'

describe('host equivalence', () => {
  it('knows every loopback spelling', () => {
    for (const h of [
      'localhost',
      'LOCALHOST.',
      'db.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true)
    }
    for (const h of ['198.18.0.10', 'localhost.test', '::2', '0.0.0.0', '128.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(false)
    }
  })

  it('equates loopback forms with each other and other hosts only with themselves', () => {
    expect(isSameHost('localhost', '::1')).toBe(true)
    expect(isSameHost('Db.Test.', 'db.test')).toBe(true)
    expect(isSameHost('db.test', '198.18.0.10')).toBe(false)
    expect(isSameHost('localhost', '198.18.0.10')).toBe(false)
  })
})
