import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { binPath, ensureBuilt } from './fixtures/cli/build.js'
import { cleanEnv, finished, fixture, runBin, started } from './fixtures/cli/run-bin.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
const isLinuxRoot = process.platform === 'linux' && process.getuid?.() === 0

describe.runIf(process.platform === 'linux')('egress-guard sandbox', () => {
  it('runs the command where loopback is the only link, and up', async () => {
    const ran = await runBin([
      'sandbox',
      '--allow-loopback-only',
      '--',
      'sh',
      '-c',
      'ip -o link show; echo "sandbox=$EGRESS_GUARD_SANDBOX"',
    ])
    expect(ran.code).toBe(0)
    const links = ran.stdout.split('\n').filter((line) => /^\d+: /.test(line))
    expect(links).toHaveLength(1)
    expect(links[0]).toMatch(/^1: lo: <LOOPBACK,UP/)
    expect(ran.stdout).toContain('sandbox=1')
  })

  it("lets loopback work inside and exits with the command's code", async () => {
    const code = `const net = require('node:net')
      const server = net.createServer((s) => s.end('hi')).listen(0, '127.0.0.1', () => {
        net.connect(server.address().port, '127.0.0.1').on('data', (d) => { console.log('got ' + d); process.exit(6) })
      })`
    const ran = await runBin(['sandbox', '--', node, '-e', code])
    expect(ran.stdout).toContain('got hi')
    expect(ran.code).toBe(6)
  })

  it.runIf(isLinuxRoot)(
    'works for a user without privileges, through a user namespace (unshare -rn)',
    async () => {
      const args = [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        node,
        binPath,
        'sandbox',
        '--',
        'sh',
        '-c',
        'ip -o link show | wc -l',
      ]
      const ran = await finished(started('setpriv', args, cleanEnv(), tmpdir()))
      expect(ran.code).toBe(0)
      expect(ran.stdout.trim()).toBe('1')
    },
  )

  it('never runs the command when unshare is missing, and says why', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'egress-sandbox-')), 'ran')
    const ran = await runBin(['sandbox', '--', '/usr/bin/touch', marker], cleanEnv({ PATH: '/nonexistent' }))
    expect(ran.code).toBe(3)
    expect(ran.stderr.trim()).toBe(
      'egress-guard sandbox: cannot make a network namespace: the unshare command (util-linux) is not on PATH. The command was not run.',
    )
    expect(existsSync(marker)).toBe(false)
  })

  it('never runs the command when the kernel refuses a namespace, and passes on the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-sandbox-'))
    // Stands in for an unshare on a kernel with user namespaces disabled: the command that fails is real.
    const unshare = join(dir, 'unshare')
    writeFileSync(unshare, '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n')
    chmodSync(unshare, 0o755)
    const marker = join(dir, 'ran')
    const ran = await runBin(
      ['sandbox', '--', '/usr/bin/touch', marker],
      cleanEnv({ PATH: `${dir}:/usr/bin:/bin` }),
    )
    expect(ran.code).toBe(3)
    expect(ran.stderr).toContain(
      'cannot make a network namespace: unshare: unshare failed: Operation not permitted',
    )
    expect(ran.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(marker)).toBe(false)
  })

  it('answers a missing command with a one-line error and exit 2', async () => {
    const ran = await runBin(['sandbox', '--allow-loopback-only'])
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain('no command given')
  })
})

describe.runIf(isHermetic)('egress-guard sandbox against a fake remote', () => {
  it('stops a Node connection and curl at the kernel, before any packet reaches the remote', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const node1 = await runBin([
      'sandbox',
      '--',
      node,
      fixture('connect.mjs'),
      REMOTE_V4,
      String(remote.port),
    ])
    expect(node1.stdout).toContain('connect ENETUNREACH')
    const curl = await runBin([
      'sandbox',
      '--',
      'curl',
      '-s',
      '-m',
      '5',
      `http://${REMOTE_V4}:${remote.port}/`,
    ])
    expect(curl.code).toBe(7) // curl: failed to connect
    expect(remote.accepted).toBe(0)
  })

  it('composes with run: the kernel stops the connection and the guard still reports it', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = join(mkdtempSync(join(tmpdir(), 'egress-sandbox-')), 'report.json')
    const args = ['sandbox', '--', node, binPath, 'run', '--mode', 'record', '--report', report, '--']
    const ran = await runBin([...args, node, fixture('connect.mjs'), REMOTE_V4, String(remote.port)])
    expect(ran.stdout).toContain('connect ENETUNREACH')
    expect(ran.stderr).toContain(`recorded ${REMOTE_V4}:${remote.port} tcp x1`)
    expect(remote.accepted).toBe(0)
  })
})
