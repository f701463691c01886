/**
 * The plugin: `plugins: [egressGuard({ mode, allow, report, baseline })]` in vitest.config.ts adds
 * the setup file (last, after the project's own setup files), hands the settings to every worker as
 * provided context, and adds the reporter next to the ones already configured.
 */

import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readBaseline } from 'egress-guard'
import { type EgressGuardPluginOptions, PROVIDE_KEY, settingsFromOptions } from './config.js'
import { EgressReporter } from './reporter/egress-reporter.js'

/** The built setup file beside this one. */
export const setupFile = fileURLToPath(new URL('./setup.js', import.meta.url))

interface ConfigLike {
  root?: string | undefined
  test?: { root?: string | undefined; reporters?: unknown } | undefined
}

export interface EgressGuardPlugin {
  name: string
  config(config: ConfigLike): { test: Record<string, unknown> }
}

export function egressGuard(options: EgressGuardPluginOptions = {}): EgressGuardPlugin {
  return {
    name: 'egress-guard',
    config(config) {
      const root = resolve(config.test?.root ?? config.root ?? process.cwd())
      const settings = settingsFromOptions(options, root)
      // A malformed baseline stops the run here, before any worker starts.
      if (settings.baseline) readBaseline(settings.baseline)
      const reporter = new EgressReporter({ report: options.report, baseline: settings.baseline })
      return {
        test: {
          setupFiles: [setupFile],
          provide: { [PROVIDE_KEY]: settings },
          reporters: config.test?.reporters === undefined ? ['default', reporter] : [reporter],
        },
      }
    },
  }
}
