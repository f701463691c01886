/**
 * The plugin: `plugins: [egressGuard({ mode, allow, report, baseline })]` in vitest.config.ts adds
 * the setup file (last, after the project's own setup files), hands the settings to every worker as
 * provided context, and adds the reporter next to the ones already configured.
 */

import { dirname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readBaseline } from 'egress-guard'
import { type EgressGuardPluginOptions, PROVIDE_KEY, settingsFromOptions } from './config.js'
import { EgressReporter } from './reporter/egress-reporter.js'

/** The built setup file beside this one. */
export const setupFile = fileURLToPath(new URL('./setup.js', import.meta.url))

/**
 * This package's and egress-guard's build directories, which workers must load natively: for
 * `test.server.deps.external` where the bare setup file is used through workspace links. Anchored
 * at the absolute path, so that a DOM environment's Vite ids (`/@fs/…`) are not taken for them:
 * Vitest 4 would hand such an id to Node, which cannot load it. Vitest
 * loads a dependency natively only when its real path is inside node_modules; a workspace link
 * (a monorepo, or this repository) resolves outside it, and Vitest would then run every
 * egress-guard module through Vite's transform in every worker (ADR 0018).
 */
export function nativeModulePatterns(): RegExp[] {
  const dirs = [dirname(setupFile), dirname(fileURLToPath(import.meta.resolve('egress-guard')))]
  return dirs.map((dir) => new RegExp(`^${escapeRegExp(`${dir.split(sep).join('/')}/`)}`))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

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
          server: { deps: { external: nativeModulePatterns() } },
          provide: { [PROVIDE_KEY]: settings },
          reporters: config.test?.reporters === undefined ? ['default', reporter] : [reporter],
        },
      }
    },
  }
}
