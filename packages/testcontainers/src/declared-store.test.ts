import { describe, expect, it } from 'vitest'
import { endpointKey, parseEndpoint } from './declared-store.js'

describe('declared endpoints', () => {
  it('parses host:port, [v6]:port and unix:/path and writes them back the same way', () => {
    for (const rule of ['localhost:5432', '[::1]:7687', 'unix:/var/run/docker.sock', '10.0.0.5:2375']) {
      expect(endpointKey(parseEndpoint(rule))).toBe(rule)
    }
  })

  it('rejects a destination without a port, or with a bad one, naming it', () => {
    for (const bad of ['localhost', 'localhost:0', 'localhost:70000', 'unix:relative.sock', '::1:80']) {
      expect(() => parseEndpoint(bad)).toThrow(JSON.stringify(bad))
    }
  })
})
