/** One guard scope: a policy, a mode, a report, and the scope it is nested in. */
import { createPolicy } from '../policy/create-policy.js'
import type { Policy, PolicyOptions } from '../policy/types.js'
import { EgressReport } from '../report.js'
import {
  type EgressGuardOptions,
  type GuardMode,
  resolveDns,
  resolveStacks,
  type StackCapture,
} from './options.js'

export class GuardScope {
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
}
