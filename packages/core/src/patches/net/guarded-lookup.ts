/**
 * Wraps the `lookup` a socket will use, so that a name is answered only by whom the policy lets
 * answer it (ADR 0021) and every resolved address is judged before Node may connect to it,
 * including every address of an `autoSelectFamily` (`all: true`) answer.
 *
 * - A name no rule covers is answered from the hosts file only; one the hosts file does not know is
 *   refused before any query (block mode), or recorded before the query and then resolved (record).
 * - Block mode drops refused addresses, recording each (a refused dual-stack leg is a violation even
 *   when another leg connects), and fails the connection when none is left.
 * - Record mode keeps every address: the TCP handle layer records the address actually dialled.
 */
import type { LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'

import { isQueryable, type NameAnswer, notFound, unresolvedName } from '../../guard/port.js'
import type { Decision } from '../../policy/types.js'
import { hostsReply } from '../dns/hosts-reply.js'
import type { SocketJudgement } from './socket-marks.js'

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * `callerLookup` is the `lookup` the caller passed, if any: what it answers is the caller's own
 * (a mocking library's fixed loopback answer, a cache), and any DNS it does goes through the guarded
 * `dns` functions, so its answers are judged by address like DNS's under `dns: 'resolve'`.
 */
export function guardedLookup(
  realLookup: LookupFunction,
  judgement: SocketJudgement,
  nameDecision: Decision,
  callerLookup: boolean,
): LookupFunction {
  const { scope, input, callSite } = judgement
  const lookup = (hostname: string, options: unknown, callback: LookupCallback) => {
    if (typeof options === 'function') {
      callback = options as LookupCallback
      options = {}
    }
    const wanted = (options ?? {}) as { all?: boolean }
    const refuse = (decision: Decision, address?: string) => {
      const verdict = scope.record(address ? { ...input, address } : input, decision, callSite)
      judgement.attempts.push(verdict.attempt)
      return verdict
    }
    const onResult: LookupCallback = (err, address, family) => {
      if (err) {
        if (nameDecision.needsAddress && !callerLookup && judgement.pending === undefined) {
          // `dns: 'resolve'` asked DNS for a name no rule covers, and it did not resolve.
          const verdict = refuse(unresolvedName(hostname, input.port, err))
          return callback(verdict.error ? Object.assign(verdict.error, { cause: err }) : err, '', undefined)
        }
        return callback(err, address, family)
      }
      if (scope.mode === 'record') return callback(null, address, family)
      const all = Array.isArray(address)
      const answers: LookupAddress[] = all ? address : [{ address, family: family ?? 4 }]
      judgement.decided ??= new Map()
      const decided = judgement.decided
      const kept: LookupAddress[] = []
      let firstRefusal: ReturnType<typeof refuse> | undefined
      for (const answer of answers) {
        const decision = scope.decide({ ...input, address: answer.address })
        decided.set(answer.address, decision)
        if (decision.allowed) kept.push(answer)
        else firstRefusal ??= refuse(decision, answer.address)
      }
      const first = kept[0]
      if (!first) return callback(firstRefusal?.error as Error, all ? [] : '', undefined)
      if (all) callback(null, kept)
      else callback(null, first.address, first.family)
    }

    const answer: NameAnswer =
      !nameDecision.allowed && !nameDecision.needsAddress
        ? isQueryable(hostname)
          ? { by: 'nobody', decision: nameDecision }
          : { by: 'none-possible' }
        : callerLookup
          ? { by: 'dns' }
          : scope.answerName(hostname, input.port, nameDecision)
    if (answer.by === 'hosts-file') {
      const reply = hostsReply(hostname, answer.answers, wanted)
      if (reply instanceof Error) process.nextTick(onResult, reply, '', undefined)
      else if (Array.isArray(reply)) process.nextTick(onResult, null, reply)
      else process.nextTick(onResult, null, reply.address, reply.family)
      return
    }
    if (answer.by === 'none-possible') {
      process.nextTick(callback, notFound(hostname), wanted.all ? [] : '', undefined)
      return
    }
    if (answer.by === 'nobody') {
      const verdict = refuse(answer.decision)
      if (verdict.error) {
        process.nextTick(callback, verdict.error, wanted.all ? [] : '', undefined)
        return
      }
      // Record mode: recorded before the query; the handle layer fills in the address dialled.
      judgement.pending = verdict.attempt
    }
    ;(realLookup as (h: string, o: unknown, cb: LookupCallback) => void)(hostname, options, onResult)
  }
  return lookup as unknown as LookupFunction
}
