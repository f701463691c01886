/**
 * `egress-guard sandbox [--allow-loopback-only] -- <command…>`: the command runs in a private network
 * namespace whose only interface is `lo` (ADR 0016). The namespace is probed first; when it cannot
 * be made, the CLI says why and exits with 3 without running the command.
 */
import { spawnSync } from 'node:child_process'
import { parseVerbArgs, splitCommand } from '../args.js'
import { runCommand } from '../child.js'
import { HELP } from '../help.js'
import { EXIT, UsageError } from '../usage-error.js'

/** Bring loopback up, then prove the namespace is sealed: `lo` must be its only link. */
const SETUP = [
  'set -e',
  'command -v ip >/dev/null 2>&1 || { echo "the ip command (iproute2) is not installed" >&2; exit 98; }',
  'ip link set lo up',
  'if [ "$(ip -o link show | wc -l)" != "1" ]; then echo "the namespace has links besides lo" >&2; exit 97; fi',
  'export EGRESS_GUARD_SANDBOX=1',
].join('\n')

function unshareArgs(): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  return root ? ['--net'] : ['--map-root-user', '--net']
}

export class SandboxUnavailable extends Error {
  readonly exitCode = EXIT.noSandbox
}

/** Make a throwaway namespace with the same setup; throw `SandboxUnavailable` saying why it failed. */
export function probeSandbox(): void {
  if (process.platform !== 'linux') {
    throw new SandboxUnavailable(
      `egress-guard sandbox: network namespaces need Linux; this is ${process.platform}. The command was not run.`,
    )
  }
  const probe = spawnSync('unshare', [...unshareArgs(), 'sh', '-c', `${SETUP}\nexit 0`], { encoding: 'utf8' })
  if (probe.error) {
    const why =
      (probe.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the unshare command (util-linux) is not on PATH'
        : probe.error.message
    throw new SandboxUnavailable(
      `egress-guard sandbox: cannot make a network namespace: ${why}. The command was not run.`,
    )
  }
  if (probe.status !== 0) {
    const detail = (probe.stderr || '').trim().split('\n').pop() || `unshare exited with ${probe.status}`
    const hint = unshareArgs().includes('--map-root-user')
      ? ' (unprivileged user namespaces may be disabled: see sysctl user.max_user_namespaces and kernel.unprivileged_userns_clone, or run as root)'
      : ''
    throw new SandboxUnavailable(
      `egress-guard sandbox: cannot make a network namespace: ${detail}${hint}. The command was not run.`,
    )
  }
}

export async function sandboxVerb(args: readonly string[]): Promise<number> {
  const { own, command } = splitCommand(args)
  const { values, positionals } = parseVerbArgs('sandbox', own, {
    'allow-loopback-only': { type: 'boolean' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.sandbox}\n`)
    return EXIT.ok
  }
  const argv = command.length ? command : positionals
  if (argv.length === 0) {
    throw new UsageError('egress-guard sandbox: no command given (egress-guard sandbox -- <command…>)')
  }
  probeSandbox()
  const script = `${SETUP}\nexec "$@"`
  const end = await runCommand(
    'unshare',
    [...unshareArgs(), 'sh', '-c', script, 'egress-guard-sandbox', ...argv],
    process.env,
  )
  return end.code
}
