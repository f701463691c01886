import type { EgressAttempt } from 'egress-guard'
import { describe, expect, it } from 'vitest'
import { contactDiff } from './contact-diff.js'
import type { DeclaredStore } from './declared-store.js'

const at = (a: Partial<EgressAttempt>): EgressAttempt => ({
  protocol: 'tcp',
  verdict: 'allowed',
  reason: 'loopback',
  timestamp: '2025-01-01T00:00:00.000Z',
  ...a,
})
const pg: DeclaredStore = { name: 'pg', kind: 'container', endpoints: [{ host: 'localhost', port: 32768 }] }
const bolt: DeclaredStore = {
  name: 'bolt',
  kind: 'container',
  endpoints: [{ host: 'localhost', port: 32769 }],
}
const docker: DeclaredStore = {
  name: 'Docker endpoint',
  kind: 'docker-endpoint',
  endpoints: [{ path: '/var/run/docker.sock' }],
}

describe('contactDiff', () => {
  it('finds nothing unexpected or missing when every attempt reaches a declared store', () => {
    const report = {
      attempts: [
        at({ host: 'localhost', port: 32768, address: '127.0.0.1' }),
        at({ host: 'localhost', port: 32769, address: '::1' }),
        at({ protocol: 'unix', path: '/var/run/docker.sock' }),
      ],
    }
    const diff = contactDiff(report, [pg, bolt, docker])
    expect(diff.unexpected).toEqual([])
    expect(diff.missing).toEqual([])
    expect(diff.contacted.map((c) => c.store.name)).toEqual(['pg', 'bolt', 'Docker endpoint'])
  })

  it('treats every loopback form of the declared host as that host', () => {
    const report = { attempts: [at({ host: '127.0.0.1', port: 32768 }), at({ host: '[::1]', port: 32768 })] }
    expect(contactDiff(report, [pg]).unexpected).toEqual([])
  })

  it('names an undeclared loopback port as unexpected, with its address and protocol', () => {
    const report = {
      attempts: [
        at({ host: 'localhost', port: 32768 }),
        at({ host: '127.0.0.1', port: 4318, address: '127.0.0.1', protocol: 'http', stack: 'job.ts:3:7' }),
      ],
    }
    const diff = contactDiff(report, [pg])
    expect(diff.unexpected).toEqual([
      {
        destination: '127.0.0.1:4318',
        addresses: ['127.0.0.1'],
        protocols: ['http'],
        count: 1,
        stack: 'job.ts:3:7',
      },
    ])
  })

  it('reports a declared store that no attempt reached as missing, unless it is optional', () => {
    const report = { attempts: [at({ host: 'localhost', port: 32768 })] }
    expect(contactDiff(report, [pg, bolt, docker]).missing.map((s) => s.name)).toEqual([
      'bolt',
      'Docker endpoint',
    ])
    const optional = (s: DeclaredStore) => s.kind === 'docker-endpoint'
    expect(contactDiff(report, [pg, bolt, docker], { optional }).missing.map((s) => s.name)).toEqual(['bolt'])
  })

  it('does not let a remote host with a declared port pass as the store', () => {
    const report = {
      attempts: [at({ host: 'db.test', port: 32768, address: '198.18.0.10', verdict: 'recorded' })],
    }
    expect(contactDiff(report, [pg]).unexpected.map((u) => u.destination)).toEqual(['db.test:32768'])
  })

  it('keeps a different unix socket apart from the Docker endpoint', () => {
    const report = { attempts: [at({ protocol: 'unix', path: '/run/other.sock' })] }
    expect(contactDiff(report, [docker]).unexpected.map((u) => u.destination)).toEqual([
      'unix:/run/other.sock',
    ])
  })

  it('matches a DNS lookup of a declared host without a port', () => {
    const report = {
      attempts: [at({ protocol: 'dns', host: 'localhost' }), at({ protocol: 'dns', host: 'otel.test' })],
    }
    expect(contactDiff(report, [pg]).unexpected.map((u) => u.destination)).toEqual(['otel.test'])
  })
})
