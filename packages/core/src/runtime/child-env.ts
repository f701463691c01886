/**
 * The environment a child process or worker gets so that the guard runs in it too: the scope's mode
 * and rules, the run's report and id, and `NODE_OPTIONS` with `--require <preload>`. Variables the
 * caller set explicitly win, so `EGRESS_GUARD_MODE=off` in a child's env is honoured.
 */
import type { Judge } from '../guard/port-judge.js'
import { ENV } from './env-config.js'
import { nodeOptionsWithPreload } from './preload-path.js'

export function guardVariables(scope: Judge): Record<string, string> {
  const vars: Record<string, string> = {
    [ENV.mode]: scope.mode,
    [ENV.allow]: scope.rules.join(','),
  }
  if (scope.dns === 'resolve') vars[ENV.dns] = 'resolve'
  for (const name of [ENV.report, ENV.runReport, ENV.runId, ENV.stacks]) {
    const value = process.env[name]
    if (value) vars[name] = value
  }
  return vars
}

/** Add the guard's variables to `env` (mutated and returned). */
export function addGuardEnv(
  env: Record<string, string | undefined>,
  scope: Judge,
): Record<string, string | undefined> {
  for (const [name, value] of Object.entries(guardVariables(scope))) {
    if (env[name] === undefined) env[name] = value
  }
  if (env[ENV.mode]?.trim().toLowerCase() !== 'off')
    env.NODE_OPTIONS = nodeOptionsWithPreload(env.NODE_OPTIONS)
  return env
}

/** The same for the `KEY=value` list that `ChildProcess.prototype.spawn` receives. */
export function addGuardEnvPairs(pairs: string[], scope: Judge): string[] {
  const env: Record<string, string | undefined> = {}
  const order: string[] = []
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    const key = at === -1 ? pair : pair.slice(0, at)
    if (!(key in env)) order.push(key)
    env[key] = at === -1 ? '' : pair.slice(at + 1)
  }
  addGuardEnv(env, scope)
  for (const key of Object.keys(env)) if (!order.includes(key)) order.push(key)
  return order.map((key) => `${key}=${env[key] ?? ''}`)
}
