/**
 * Patch point: the process boundary. Every child process (`spawn`, `exec`, `execFile`, `fork`, and
 * their sync forms) and every `Worker` started while a scope is live inherits the guard through the
 * `--require` preload (in `NODE_OPTIONS`, or the worker's `execArgv`). A child that is not Node is
 * recorded as an unguarded child, and the URLs on its command line are judged before it starts: in
 * block mode a refused one stops the spawn with `EgressBlockedError` (record first, then fail).
 */
import childProcess, { ChildProcess } from 'node:child_process'
import workerThreads from 'node:worker_threads'
import { captureCallSite } from '../../guard/call-site.js'

import { patchProperty, type Restore } from '../../guard/patch-property.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import {
  addGuardEnv,
  addGuardEnvPairs,
  addUnguardedChild,
  collectorChannelName,
  currentJudge,
  type Judge,
  linkWorkerToJudge,
  preloadPath,
} from '../../guard/port.js'
import { isNodeProgram, urlsIn } from './command.js'

type AnyFunction = (...args: unknown[]) => unknown
interface SpawnOptions {
  file: string
  args?: string[]
  envPairs?: string[]
}

/** Record a non-Node child and judge the URLs it names; throws the first refusal in block mode. */
function judgeChild(scope: Judge, file: string, args: readonly string[]): void {
  if (isNodeProgram(file)) return
  const callSite = captureCallSite()
  const stack = callSite.frames()
  addUnguardedChild({
    file,
    args: [...args],
    parentPid: process.pid,
    timestamp: new Date().toISOString(),
    ...(stack ? { stack } : {}),
  })
  let refusal: Error | undefined
  for (const named of urlsIn(args)) {
    const input = { protocol: named.protocol, host: named.host, port: named.port, url: named.url }
    const literal = /^[\d.]+$|:/.test(named.host)
    const decided = scope.decide(literal ? { ...input, address: named.host } : input)
    const outside = `named on the command line of ${file}, a child the in-process guard cannot see into`
    const decision = decided.needsAddress
      ? { allowed: false, check: 'name' as const, reason: `no rule covers this name; ${outside}` }
      : { ...decided, reason: decided.allowed ? decided.reason : `${decided.reason}; ${outside}` }
    const verdict = scope.record(input, decision, callSite)
    refusal ??= verdict.error
  }
  if (refusal) throw refusal
}

/** `(file, args?, options?)` as the sync functions take it, with the guard's env added. */
function guardSyncCall(scope: Judge, file: unknown, rest: unknown[], withArgs: boolean): unknown[] {
  const args = withArgs && Array.isArray(rest[0]) ? (rest.shift() as string[]) : []
  const options = { ...((rest[0] as { env?: NodeJS.ProcessEnv } | undefined) ?? {}) }
  const env = addGuardEnv({ ...(options.env ?? process.env) }, scope)
  const shell = !withArgs || (options as { shell?: unknown }).shell
  judgeChild(scope, shell ? '/bin/sh' : String(file), shell ? [String(file), ...args] : args)
  return withArgs ? [file, args, { ...options, env }] : [file, { ...options, env }]
}

function patchSync(name: 'spawnSync' | 'execFileSync' | 'execSync', withArgs: boolean): Restore {
  return patchProperty<AnyFunction>(childProcess, name, (real) => {
    return function guardedSync(this: unknown, file: unknown, ...rest: unknown[]) {
      const scope = currentJudge()
      if (!scope) return real.call(this, file, ...rest)
      return real.apply(this, guardSyncCall(scope, file, rest, withArgs))
    }
  })
}

function patchAsyncSpawn(): Restore {
  return patchProperty<AnyFunction>(ChildProcess.prototype, 'spawn', (realSpawn) => {
    return function spawn(this: ChildProcess, options: unknown) {
      const scope = currentJudge()
      if (scope && options && typeof options === 'object') {
        const o = options as SpawnOptions
        judgeChild(scope, o.file, (o.args ?? []).slice(1))
        if (Array.isArray(o.envPairs)) o.envPairs = addGuardEnvPairs(o.envPairs, scope)
      }
      return realSpawn.call(this, options)
    }
  })
}

type WorkerClass = new (filename: string | URL, options?: workerThreads.WorkerOptions) => workerThreads.Worker

/** Workers: `--require <preload>` in `execArgv` and the guard's variables in a private `env`. */
function patchWorker(): Restore {
  return patchProperty<WorkerClass>(workerThreads, 'Worker', (RealWorker) => {
    return class Worker extends RealWorker {
      // biome-ignore lint/correctness/noUnreachableSuper: a super() that threw leaves `this` unbound, so the one retry with the refused flags dropped is legal
      constructor(filename: string | URL, options: workerThreads.WorkerOptions = {}) {
        const scope = currentJudge()
        if (!scope) {
          super(filename, options)
          return
        }
        const preload = preloadPath()
        const execArgv = [...(options.execArgv ?? process.execArgv)]
        if (!execArgv.some((arg) => arg.includes(preload))) execArgv.push('--require', preload)
        const env =
          typeof options.env === 'object' && options.env !== null
            ? addGuardEnv({ ...(options.env as NodeJS.ProcessEnv) }, scope)
            : options.env === undefined
              ? addGuardEnv({ ...process.env }, scope)
              : options.env
        // Where no preload collects for this thread, the worker reports back to this scope.
        const link = collectorChannelName() === undefined ? linkWorkerToJudge(scope) : undefined
        try {
          try {
            super(filename, { ...options, execArgv, env })
          } catch (error) {
            // Inherited flags a Worker refuses when they are passed explicitly (node --test runs
            // files with --stack-trace-limit, --v8-pool-size…): drop those the error names, once.
            const refused = options.execArgv === undefined ? refusedFlags(error) : undefined
            if (!refused) throw error
            super(filename, {
              ...options,
              execArgv: execArgv.filter((arg) => !refused.has(flagName(arg))),
              env,
            })
          }
        } catch (error) {
          link?.abandon()
          throw error
        }
        link?.attach(this)
      }
    }
  })
}

/** The flags named by ERR_WORKER_INVALID_EXEC_ARGV ("…invalid execArgv flags: --a=1, --b"), if that is the error. */
function refusedFlags(error: unknown): Set<string> | undefined {
  if ((error as { code?: unknown })?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined
  const list = String((error as Error).message)
    .split(': ')
    .slice(1)
    .join(': ')
  const flags = list
    .split(',')
    .map((flag) => flagName(flag.trim()))
    .filter((flag) => flag.startsWith('-'))
  return flags.length ? new Set(flags) : undefined
}

function flagName(arg: string): string {
  const eq = arg.indexOf('=')
  return eq === -1 ? arg : arg.slice(0, eq)
}

const PATCHES: readonly (() => Restore)[] = [
  patchAsyncSpawn,
  () => patchSync('spawnSync', true),
  () => patchSync('execFileSync', true),
  () => patchSync('execSync', false),
  patchWorker,
]

export const childProcessPatch: PatchPoint = {
  name: 'child_process and worker_threads',
  install: (stack) => {
    for (const patch of PATCHES) stack.push(patch())
  },
}
