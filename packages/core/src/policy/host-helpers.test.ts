import { describe, expect, it } from 'vitest'
import { normaliseHost } from './host-form.js'
import { isLoopbackAddress } from './loopback.js'

describe('isLoopbackAddress()', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['app.localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['localhost.test', false],
    ['127.1', false],
    ['', false],
    [42, false],
  ] as const)('answers %j: %s', (host, expected) => {
    expect(isLoopbackAddress(host as string)).toBe(expected)
  })
})

describe('normaliseHost()', () => {
  it.each([
    ['[2001:DB8::1%eth0]', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['Bücher.Test.', 'xn--bcher-kva.test'],
    ['API.Example.test', 'api.example.test'],
    ['2130706433', '2130706433'],
    ['a..b', undefined],
    ['[10.0.0.1]', undefined],
    ['a b', undefined],
  ])('normalises %j to %j', (host, expected) => {
    expect(normaliseHost(host)).toBe(expected)
  })
})
