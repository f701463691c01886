/**
 * What a child process command line tells the guard: whether the program is Node (then the preload
 * guards it from inside), and which URLs it names (a non-Node child such as `curl` is invisible to
 * the in-process guard, so the URLs on its command line are judged before it starts).
 */
import { basename } from 'node:path'

/** Programs that are Node, or that start Node with the inherited environment. */
const NODE_PROGRAMS =
  /^(?:node|nodejs|node\d+|npm|npx|pnpm|yarn|corepack|tsx|ts-node|vitest|jest|mocha)(?:\.exe|\.cmd)?$/

export function isNodeProgram(file: string): boolean {
  return file === process.execPath || NODE_PROGRAMS.test(basename(file))
}

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'ws:': 80,
  'wss:': 443,
  'ftp:': 21,
  'ftps:': 990,
}

export interface NamedUrl {
  url: string
  host: string
  port: number
  protocol: 'http' | 'tcp'
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]+/gi

/** URLs with a host and a known or explicit port, found anywhere in the arguments (shell strings too). */
export function urlsIn(args: readonly string[]): NamedUrl[] {
  const found: NamedUrl[] = []
  for (const arg of args) {
    for (const match of arg.matchAll(URL_PATTERN)) {
      let url: URL
      try {
        url = new URL(match[0])
      } catch {
        continue
      }
      const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol]
      if (!url.hostname || port === undefined) continue
      const host = url.hostname.replace(/^\[|\]$/g, '')
      const web = ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)
      found.push({ url: url.href, host, port, protocol: web ? 'http' : 'tcp' })
    }
  }
  return found
}
