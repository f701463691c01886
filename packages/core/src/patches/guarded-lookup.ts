/**
 * Wraps the `lookup` a socket will use so that every resolved address is judged before Node may
 * connect to it, including every address of an `autoSelectFamily` (`all: true`) answer.
 * Block mode drops refused addresses and fails (recording the attempt) only when none is left.
 * Record mode keeps them all: the TCP handle layer records the address actually dialled.
 */
import type { LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { recordAttempt } from '../guard/judge.js'
import type { SocketJudgement } from './socket-marks.js'

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

export function guardedLookup(realLookup: LookupFunction, judgement: SocketJudgement): LookupFunction {
  const { scope, input, callSite } = judgement
  const lookup = (hostname: string, options: unknown, callback: LookupCallback) => {
    if (typeof options === 'function') {
      callback = options as LookupCallback
      options = {}
    }
    const onResult: LookupCallback = (err, address, family) => {
      if (err || scope.mode === 'record') return callback(err, address, family)
      const all = Array.isArray(address)
      const answers: LookupAddress[] = all ? address : [{ address, family: family ?? 4 }]
      judgement.decided ??= new Map()
      const decided = judgement.decided
      const kept = answers.filter((answer) => {
        const decision = scope.policy.decide({ ...input, address: answer.address })
        decided.set(answer.address, decision)
        return decision.allowed
      })
      if (kept.length === 0) {
        const refused = (answers[0] as LookupAddress).address
        const decision = decided.get(refused) ?? scope.policy.decide({ ...input, address: refused })
        const verdict = recordAttempt(scope, { ...input, address: refused }, decision, callSite)
        judgement.attempts.push(verdict.attempt)
        return callback(verdict.error as Error, all ? [] : '', undefined)
      }
      const first = kept[0] as LookupAddress
      if (all) callback(null, kept)
      else callback(null, first.address, first.family)
    }
    ;(realLookup as (h: string, o: unknown, cb: LookupCallback) => void)(hostname, options, onResult)
  }
  return lookup as unknown as LookupFunction
}
