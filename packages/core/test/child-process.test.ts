import childProcess, { ChildProcess, execSync, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import workerThreads, { Worker } from 'node:worker_threads'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard } from '../src/index.js'
import { processRecords } from '../src/runtime/process-records.js'
import { ensureBuilt } from './fixtures/cli/build.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
/** `ChildProcess.prototype.spawn`, which every asynchronous child goes through (untyped in @types/node). */
const internalSpawn = () => (ChildProcess.prototype as unknown as { spawn: unknown }).spawn
/** What a child sees of the guard: its env and whether the preload ran in it. */
const PROBE = `console.log(JSON.stringify({
  nodeOptions: process.env.NODE_OPTIONS ?? '',
  mode: process.env.EGRESS_GUARD_MODE,
  allow: process.env.EGRESS_GUARD_ALLOW,
  guarded: globalThis[Symbol.for('egress-guard.register.v1')] === true,
}))`

describe('the process boundary under a guard scope', () => {
  it("starts a Node child with the preload and the scope's mode and rules", () => {
    using _guard = egressGuard({ mode: 'record', allow: ['db.test:5432'] })
    const out = spawnSync(node, ['-e', PROBE], { encoding: 'utf8' })
    expect(JSON.parse(out.stdout)).toMatchObject({
      nodeOptions: expect.stringContaining('register.js'),
      mode: 'record',
      allow: 'db.test:5432',
      guarded: true,
    })
  })

  it('adds the preload to an explicit env of an asynchronous spawn', async () => {
    using _guard = egressGuard({ mode: 'block' })
    const child = spawn(node, ['-e', PROBE], { env: { PATH: process.env.PATH ?? '' } })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
    })
    await once(child, 'close')
    expect(JSON.parse(out)).toMatchObject({ mode: 'block', guarded: true })
  })

  it('honours EGRESS_GUARD_MODE=off set for a child', () => {
    using _guard = egressGuard({ mode: 'block' })
    const out = spawnSync(node, ['-e', PROBE], { encoding: 'utf8', env: { EGRESS_GUARD_MODE: 'off' } })
    expect(JSON.parse(out.stdout)).toMatchObject({ mode: 'off', guarded: false, nodeOptions: '' })
  })

  it('starts a Worker with the preload even when its execArgv is empty', async () => {
    using _guard = egressGuard({ mode: 'record' })
    const code = `require('node:worker_threads').parentPort.postMessage({
      guarded: globalThis[Symbol.for('egress-guard.register.v1')] === true, mode: process.env.EGRESS_GUARD_MODE })`
    const worker = new Worker(code, { eval: true, execArgv: [] })
    const [message] = await once(worker, 'message')
    await worker.terminate()
    expect(message).toEqual({ guarded: true, mode: 'record' })
  })

  it('adds what a Worker records to the report of the scope that started it', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'record' })
    const code = `const net = require('node:net')
      net.connect(${server.port}, '127.0.0.1').on('connect', function () { this.destroy(); process.exit(0) })`
    const worker = new Worker(code, { eval: true })
    const { threadId } = worker
    await once(worker, 'exit')
    expect(guard.report.attempts).toMatchObject([
      { host: '127.0.0.1', port: server.port, verdict: 'allowed', threadId },
    ])
  })

  it('records a non-Node child, and judges the URL on its command line', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block' })
    const before = processRecords().children.length
    const url = `http://127.0.0.1:${server.port}/`
    await once(spawn('curl', ['-s', '-m', '5', url]), 'exit')
    expect(processRecords().children.slice(before)).toMatchObject([
      { file: 'curl', args: ['-s', '-m', '5', url] },
    ])
    expect(processRecords().children.at(-1)?.stack).toContain('child-process.test.ts')
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'http', url, verdict: 'allowed', rule: 'loopback' },
    ])
    expect(server.accepted).toBe(1)
  })

  it('restores child_process and worker_threads exactly when the scope ends', () => {
    const originals = [
      internalSpawn(),
      childProcess.spawnSync,
      childProcess.execSync,
      childProcess.execFileSync,
      workerThreads.Worker,
    ]
    const guard = egressGuard({ mode: 'block' })
    expect(childProcess.spawnSync).not.toBe(originals[1])
    expect(workerThreads.Worker).not.toBe(originals[4])
    guard.dispose()
    expect([
      internalSpawn(),
      childProcess.spawnSync,
      childProcess.execSync,
      childProcess.execFileSync,
      workerThreads.Worker,
    ]).toEqual(originals)
    expect(Worker).toBe(originals[4])
  })
})

describe.runIf(isHermetic)('non-Node children against a fake remote', () => {
  it('does not start curl when the URL it names is refused, and records the attempt', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block' })
    const url = `http://${REMOTE_V4}:${remote.port}/`
    let error: unknown
    try {
      execSync(`curl -s -m 5 ${url}`)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect((error as EgressBlockedError).message).toContain('a child the in-process guard cannot see into')
    expect(remote.accepted).toBe(0)
    expect(guard.report.violations).toMatchObject([{ verdict: 'blocked', url, host: REMOTE_V4 }])
  })

  it('reports a connection a Worker made and swallowed as a blocked violation of the calling scope', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block' })
    const code = `require('node:net').connect(${remote.port}, '${REMOTE_V4}').on('error', () => process.exit(0))`
    const worker = new Worker(code, { eval: true })
    await once(worker, 'exit')
    expect(remote.accepted).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { verdict: 'blocked', host: REMOTE_V4, port: remote.port },
    ])
  })

  it('lets it run in record mode and reports it as a violation', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'record' })
    const url = `http://${REMOTE_V4}:${remote.port}/`
    await once(spawn('curl', ['-s', '-m', '5', url]), 'exit')
    expect(remote.accepted).toBe(1)
    expect(guard.report.violations).toMatchObject([{ verdict: 'recorded', url }])
  })
})
