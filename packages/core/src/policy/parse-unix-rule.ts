/**
 * `unix:/path` (one socket) and `unix:/dir/*` (every socket under a directory, at any depth).
 * `unix:///path` (the URL form Docker uses) is the same as `unix:/path`.
 */
import { posix } from 'node:path'
import { EgressPolicyError } from '../errors.js'
import type { UnixRule } from './rule.js'

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const kControl = /[\x00-\x1f\x7f]/

export function parseUnixRule(rule: string): UnixRule {
  let path = rule.slice('unix:'.length)
  if (path.startsWith('//')) path = path.slice(2)
  if (path === '') throw new EgressPolicyError(rule, 'the socket path after "unix:" is missing')
  if (!path.startsWith('/'))
    throw new EgressPolicyError(rule, 'the socket path must be absolute, as in "unix:/run/app.sock"')
  if (kControl.test(path)) throw new EgressPolicyError(rule, 'the socket path holds a control character')
  const directory = path.endsWith('/*')
  const body = directory ? path.slice(0, -1) : path
  if (body.includes('*'))
    throw new EgressPolicyError(rule, 'a "*" may only end a unix rule, as in "unix:/run/app/*"')
  if (!directory && body.endsWith('/')) {
    throw new EgressPolicyError(
      rule,
      `${JSON.stringify(body)} is a directory; write "unix:${body}*" for the sockets in it`,
    )
  }
  const normal = posix.normalize(body)
  return { kind: 'unix', rule, path: directory && !normal.endsWith('/') ? `${normal}/` : normal, directory }
}

/** A destination's socket path in normal form (`//`, `.` and `..` resolved), when absolute. */
export function normaliseSocketPath(path: string): string {
  return path.startsWith('/') ? posix.normalize(path) : path
}
