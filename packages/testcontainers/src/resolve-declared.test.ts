import { GenericContainer } from 'testcontainers'
import { describe, expect, it } from 'vitest'
import { assertContactOnly } from './assert-contact-only.js'
import { ContactAssertionError, ContainerStateError } from './errors.js'
import { resolveDeclared } from './resolve-declared.js'
import { type ContactMatchers, contactMatchers } from './to-contact-only.js'

expect.extend(contactMatchers)
declare module 'vitest' {
  interface Matchers<R, T> extends ContactMatchers<T> {}
}

const attempt = (host: string, port: number) =>
  ({ protocol: 'tcp', host, port, verdict: 'allowed', reason: 'loopback', timestamp: '' }) as const

describe('declaring stores', () => {
  it('refuses a container that was never started, naming its image, before asking Docker', async () => {
    const never = new GenericContainer('egress-guard/never:1')
    const error = await resolveDeclared([never]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContainerStateError)
    expect(error).toMatchObject({ code: 'ERR_CONTAINER_NOT_RUNNING', state: 'never-started' })
    expect((error as Error).message).toMatch(/egress-guard\/never:1.*was never started/)
  })

  it('refuses something that is not a container at all', async () => {
    await expect(resolveDeclared([{ name: 'x' }])).rejects.toThrow(/is not a testcontainers container/)
  })

  it('takes host:port and unix: strings as stores without the Docker endpoint when it is forbidden', async () => {
    const { stores } = await resolveDeclared(['localhost:4318', 'unix:/run/a.sock'], {
      dockerEndpoint: 'forbidden',
    })
    expect(stores).toEqual([
      { name: 'localhost:4318', kind: 'rule', endpoints: [{ host: 'localhost', port: 4318 }] },
      { name: 'unix:/run/a.sock', kind: 'rule', endpoints: [{ path: '/run/a.sock' }] },
    ])
  })

  it('fails the plain assertion with the unexpected and missing destinations listed', async () => {
    const report = { attempts: [attempt('127.0.0.1', 9999)] }
    const error = await assertContactOnly(report, ['localhost:5432'], { dockerEndpoint: 'forbidden' }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(ContactAssertionError)
    expect(error.unexpected.map((u: { destination: string }) => u.destination)).toEqual(['127.0.0.1:9999'])
    expect(error.missing.map((s: { name: string }) => s.name)).toEqual(['localhost:5432'])
    expect(error.message).toMatch(/\+ 127\.0\.0\.1:9999[\s\S]*- localhost:5432 at localhost:5432/)
  })

  it('passes the matcher when exactly the declared destinations were contacted, and fails .not', async () => {
    const report = { attempts: [attempt('localhost', 5432)] }
    await expect(report).toContactOnly(['127.0.0.1:5432'], { dockerEndpoint: 'forbidden' })
    await expect(
      expect(report).not.toContactOnly(['localhost:5432'], { dockerEndpoint: 'forbidden' }),
    ).rejects.toThrow(/contact something other than the declared stores/)
  })

  it('rejects a value that is not a report', async () => {
    await expect(assertContactOnly([] as never, [], { dockerEndpoint: 'forbidden' })).rejects.toThrow(
      /egress report/,
    )
  })
})
