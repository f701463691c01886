/**
 * The wrapped command itself, when it is not Node: it is recorded as an unguarded child, and in
 * block mode the URLs on its command line are judged before it starts (the same rule the
 * child_process patch applies inside guarded processes).
 */
import { isNodeProgram, type Policy, type UnguardedChild, urlsInCommandLine } from 'egress-guard'

export function topCommandRecord(file: string, args: readonly string[]): UnguardedChild[] {
  if (isNodeProgram(file)) return []
  return [{ file, args: [...args], parentPid: process.pid, timestamp: new Date().toISOString() }]
}

/** URLs on a non-Node command line that the policy refuses (an uncovered name counts as refused). */
export function refusedUrls(policy: Policy, argv: readonly string[]): string[] {
  const [file, ...args] = argv
  if (file === undefined || isNodeProgram(file)) return []
  return urlsInCommandLine(args)
    .filter((named) => {
      const literal = /^[\d.]+$|:/.test(named.host)
      const decision = policy.decide(literal ? { ...named, address: named.host } : named)
      return !decision.allowed
    })
    .map((named) => named.url)
}
