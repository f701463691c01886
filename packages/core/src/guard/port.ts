/**
 * The port: everything a patch point may know of the guard (ADR 0021, issue 13). A patch point
 * owns one API's mechanics and asks the judge in force — the current scope, seen only through this
 * interface — to decide, answer a name, and record; it never reads a scope's policy, report or
 * parents, nor the guard's state. `npm run check:architecture` keeps `patches/` on this file.
 */
import { isIP } from 'node:net'
import { unwrapAddressText } from '../policy/address.js'
import { linkWorkerToScope, type WorkerScopeLink } from '../runtime/worker-scope-link.js'
import type { Judge } from './port-judge.js'
import type { GuardScope } from './scope.js'
import { currentScope } from './state.js'

export type { EgressAttempt } from '../report-types.js'
/**
 * The process boundary, for the child-process and worker patch point: how a child inherits the
 * guard (the preload, the environment) and where an unguarded child's record goes.
 */
export { addGuardEnv, addGuardEnvPairs } from '../runtime/child-env.js'
export { preloadPath } from '../runtime/preload-path.js'
export { addUnguardedChild } from '../runtime/process-records.js'
export { collectorChannelName } from '../runtime/thread-channel.js'
export type { CallSite } from './call-site.js'
export type { HostsAnswer } from './hosts-file.js'
export type { AttemptInput, Verdict } from './judge.js'
export type { NameAnswer } from './name-answer.js'
export { isQueryable, notFound, unknownName, unresolvedName } from './name-answer.js'
export type { Judge } from './port-judge.js'

/** Collect what a Worker started under `judge` records, into that scope (see worker-scope-link.ts). */
export function linkWorkerToJudge(judge: Judge): WorkerScopeLink {
  return linkWorkerToScope(judge as GuardScope)
}

/** True when `host` is an IP address literal (brackets and a zone id allowed), not a name. */
export function isAddressLiteral(host: string): boolean {
  return isIP(unwrapAddressText(host)) !== 0
}

/** The judge of a connection or request made now: the async context's scope, else the innermost global one. */
export function currentJudge(): Judge | undefined {
  return currentScope()
}
