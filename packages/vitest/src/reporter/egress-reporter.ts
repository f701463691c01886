/**
 * The main-process side: a Vitest reporter that reads the attempts each worker put in task meta and
 * prints the run's summary, writes the JSON report, emits GitHub Actions annotations when
 * `GITHUB_ACTIONS=true`, and rewrites the baseline when `EGRESS_GUARD_UPDATE=1`.
 */
import { relative as relativePath } from 'node:path'
import { readBaseline } from 'egress-guard'
import { isUpdateRequested, resolvePath } from '../config.js'
import { formatAnnotations } from './annotations.js'
import { collectRun, type ModuleLike } from './collect.js'
import { writeRunReport } from './json-report.js'
import { relativeTo, reporterRoot } from './repository-root.js'
import { formatSummary } from './summary.js'
import { updateBaseline } from './update-baseline.js'

export interface EgressReporterOptions {
  /** JSON report path (relative to the root). Default: `EGRESS_GUARD_REPORT`, else none. */
  report?: string | undefined
  /** Baseline path (relative to the root). Default: `EGRESS_GUARD_BASELINE`, else none. */
  baseline?: string | undefined
  /**
   * The folder paths in the report, the annotations and the summary are relative to. Default:
   * `EGRESS_GUARD_ROOT`, else the nearest folder above Vitest's root with a `.git`, else that root.
   */
  root?: string | undefined
}

interface VitestLike {
  config: { root: string }
  logger: { log(...args: unknown[]): void; error(...args: unknown[]): void }
}

export class EgressReporter {
  readonly #options: EgressReporterOptions
  #vitest: VitestLike | undefined

  constructor(options: EgressReporterOptions = {}) {
    this.#options = options
  }

  onInit(vitest: unknown): void {
    this.#vitest = vitest as VitestLike
    // Fail before any test runs when the baseline cannot be trusted.
    const baseline = this.#path(this.#options.baseline ?? process.env.EGRESS_GUARD_BASELINE)
    if (baseline) readBaseline(baseline)
  }

  onTestRunEnd(modules: readonly unknown[]): void {
    const vitest = this.#vitest
    if (!vitest) return
    const root = vitest.config.root
    const repository = reporterRoot(root, this.#options.root)
    const relative = relativeTo(repository)
    const run = collectRun(modules as readonly ModuleLike[], relative)
    const reportFile = this.#path(this.#options.report ?? process.env.EGRESS_GUARD_REPORT)
    if (reportFile) writeRunReport(reportFile, run, repository)
    vitest.logger.log(formatSummary(run, reportFile ? relativePath(root, reportFile) : undefined))
    if (process.env.GITHUB_ACTIONS === 'true') {
      for (const line of formatAnnotations(run, relative)) vitest.logger.log(line)
    }
    const baseline = this.#path(this.#options.baseline ?? process.env.EGRESS_GUARD_BASELINE)
    if (baseline && isUpdateRequested()) {
      updateBaseline(baseline, run)
      vitest.logger.log(
        `egress-guard: baseline ${relativePath(root, baseline)} rewritten for ${run.projects.join(', ')}`,
      )
    }
  }

  #path(value: string | undefined): string | undefined {
    const trimmed = value?.trim()
    if (!trimmed) return undefined
    return resolvePath(this.#vitest?.config.root ?? process.cwd(), trimmed)
  }
}
