#!/usr/bin/env node
// Runs a command inside a private network namespace where only loopback exists.
//
//   node scripts/hermetic.mjs -- <command…>
//
// Inside: `lo` is up and carries fake "remote" addresses (198.18.0.0/15, 2001:db8::/32), a hosts
// file maps `.test` names to them, and resolv.conf points at a fake DNS address, so nothing can
// route anywhere else: a guard bug fails with ENETUNREACH instead of sending a packet out.
// If the namespace cannot be made, the command is NOT run: this script fails closed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FAKE_DNS_V4, FAKE_HOSTS, FAKE_V4, FAKE_V6 } from '../test-support/fake-network.mjs'

const separator = process.argv.indexOf('--')
const command = separator === -1 ? [] : process.argv.slice(separator + 1)
if (command.length === 0) {
  console.error('usage: node scripts/hermetic.mjs -- <command…>')
  process.exit(2)
}

if (process.env.EGRESS_GUARD_HERMETIC === '1') {
  // Already inside a namespace made by this script: just run the command.
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}

const dir = mkdtempSync(join(tmpdir(), 'egress-hermetic-'))
const hosts = join(dir, 'hosts')
const resolv = join(dir, 'resolv.conf')
writeFileSync(
  hosts,
  [
    '127.0.0.1 localhost',
    '::1 localhost ip6-localhost',
    ...FAKE_HOSTS.map(([name, addr]) => `${addr} ${name}`),
    '',
  ].join('\n'),
)
writeFileSync(resolv, `nameserver ${FAKE_DNS_V4}\noptions timeout:1 attempts:1\n`)

const setup = [
  'set -e',
  'ip link set lo up',
  ...FAKE_V4.map((a) => `ip addr add ${a}/32 dev lo`),
  ...FAKE_V6.map((a) => `ip addr add ${a}/128 dev lo nodad`),
  `mount --bind ${hosts} /etc/hosts`,
  `mount --bind ${resolv} /etc/resolv.conf`,
  // Prove the namespace is sealed before running anything: only `lo` may exist.
  'if [ "$(ip -o link show | wc -l)" != "1" ]; then echo "hermetic: namespace has links besides lo" >&2; exit 97; fi',
  'export EGRESS_GUARD_HERMETIC=1',
  'exec "$@"',
].join('\n')

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
const unshareArgs = asRoot ? ['-n', '-m'] : ['-r', '-n', '-m']
const result = spawnSync('unshare', [...unshareArgs, 'sh', '-c', setup, 'hermetic', ...command], {
  stdio: 'inherit',
})
rmSync(dir, { recursive: true, force: true })
if (result.error) {
  console.error(`hermetic: cannot run unshare (${result.error.message}); refusing to run tests unsealed.`)
  process.exit(1)
}
process.exit(result.status ?? 1)
