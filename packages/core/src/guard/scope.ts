/**
 * One guard scope: a policy, a mode, a report, and the scope it is nested in. It is also the judge
 * the patch points see through the port (port.ts): they decide, answer names and record through
 * these methods, and never read the policy, the report or the parents themselves.
 */
import { EgressBlockedError } from '../errors.js'
import { createPolicy } from '../policy/create-policy.js'
import { defaultPorts } from '../policy/default-ports.js'
import type { Decision, Destination, Policy, PolicyOptions } from '../policy/types.js'
import { EgressReport } from '../report.js'
import type { EgressAttempt, EgressAttemptListener } from '../report-types.js'
import type { CallSite } from './call-site.js'
import { type AttemptInput, recordAttempt, type Verdict } from './judge.js'
import { type NameAnswer, nameAnswer } from './name-answer.js'
import {
  type EgressGuardOptions,
  type GuardMode,
  resolveDns,
  resolveStacks,
  type StackCapture,
} from './options.js'
import type { Judge } from './port-judge.js'

export class GuardScope implements Judge {
  readonly policy: Policy
  readonly report: EgressReport
  readonly stacks: StackCapture
  disposed = false

  constructor(
    readonly mode: Exclude<GuardMode, 'off'>,
    options: EgressGuardOptions,
    readonly parent: GuardScope | undefined,
  ) {
    this.report = new EgressReport({ maxAttempts: options.maxAttempts })
    this.stacks = resolveStacks(options.stacks)
    this.policy = createPolicy({
      allow: options.allow,
      allowLoopback: options.allowLoopback,
      allowUnixSockets: options.allowUnixSockets,
      strictDns: options.strictDns,
      dns: resolveDns(options.dns) as PolicyOptions['dns'],
    })
  }

  get rules(): readonly string[] {
    return this.policy.rules
  }

  get dns(): 'judge' | 'resolve' {
    return this.policy.dns
  }

  get hasUrlRules(): boolean {
    return this.policy.hasUrlRules
  }

  decide(destination: Destination): Decision {
    return this.policy.decide(destination)
  }

  decideLookup(name: string): Decision {
    return this.policy.decideLookup(name)
  }

  answerName(name: string, port: number | undefined, decision: Decision): NameAnswer {
    return nameAnswer(this.policy, name, port, decision)
  }

  wantsStack(decision: Decision): boolean {
    return this.stacks === 'all' || !decision.allowed
  }

  wantsStackForUrl(url: URL): boolean {
    if (this.stacks === 'all') return true
    const defaultPort = defaultPorts.get(url.protocol.slice(0, -1))
    if (defaultPort === undefined) return false // data:, blob:, file: never reach the network
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const port = url.port ? Number(url.port) : defaultPort
    // The URL matters only to path-prefix rules; without them the cached host/port answer decides.
    return !this.policy.decide(this.policy.hasUrlRules ? { host, port, url: url.href } : { host, port })
      .allowed
  }

  record(input: AttemptInput, decision: Decision, callSite?: CallSite, dialledAddress?: string): Verdict {
    return recordAttempt(this, input, decision, callSite, dialledAddress)
  }

  errorFor(attempt: EgressAttempt): EgressBlockedError {
    const { host, port, address, path, url, method, protocol, reason } = attempt
    const destination = { host, port, address, path, url, method, protocol }
    return new EgressBlockedError(
      destination,
      reason,
      this.policy.rules,
      this.policy.suggestRule(destination),
      this.policy.allowLoopback,
    )
  }

  onAttempt(listener: EgressAttemptListener): () => void {
    return this.report.subscribe(listener)
  }
}
