// try-suite's runs, inside the network namespace: one Vitest run of the suite, plain or gated, with
// Vitest's JSON reporter. The gated run uses a temporary config beside the project's own, which
// imports it and adds the egressGuard() plugin; the project's files are not edited.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'

const EGRESS_REPORTER = '@egress-guard/vitest/reporter'

const CONFIG_NAMES = ['vitest.config', 'vite.config'].flatMap((name) =>
  ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((ext) => `${name}.${ext}`),
)

/** The project's own config file name, as Vitest would find it, or undefined. */
export function findProjectConfig(suiteDir) {
  return CONFIG_NAMES.find((name) => existsSync(join(suiteDir, name)))
}

/** The Vitest CLI entry installed in the suite. */
export function vitestEntry(suiteDir) {
  return join(suiteDir, 'node_modules', 'vitest', 'vitest.mjs')
}

/**
 * Writes the gated config beside the project's config and returns its path. The project's export
 * may be an object or a function of the config env; both are merged with the plugin.
 */
export function writeGatedConfig(suiteDir, egressReport) {
  const own = findProjectConfig(suiteDir)
  const file = join(suiteDir, `vitest.egress-try-${process.pid}.config.mts`)
  const gate = `{ plugins: [egressGuard({ report: ${JSON.stringify(egressReport)} })] }`
  const body = own
    ? [
        `import own from './${own}'`,
        `const gate = () => (${gate})`,
        `export default typeof own === 'function'`,
        '  ? async (env) => mergeConfig(await own(env), gate())',
        '  : mergeConfig(await own, gate())',
      ]
    : [`export default defineConfig(${gate})`]
  const header = [
    '// Written by egress-guard scripts/try-suite.mjs; deleted after the run.',
    `import { defineConfig, mergeConfig } from 'vitest/config'`,
    `import { egressGuard } from '@egress-guard/vitest'`,
  ]
  writeFileSync(file, `${[...header, ...body].join('\n')}\n`)
  return file
}

export function removeGatedConfig(file) {
  rmSync(file, { force: true })
}

/**
 * One `vitest run`. Output goes to `<outDir>/<label>.log`, per-test results to `<label>.json`.
 * Returns the wall time, the exit status and the paths; never throws on failing tests.
 */
export function runVitest({ suiteDir, outDir, label, config, egressReport, extraArgs, timeoutMs }) {
  const json = join(outDir, `${label}.json`)
  const log = join(outDir, `${label}.log`)
  const args = [vitestEntry(suiteDir), 'run', '--reporter=json', `--outputFile.json=${json}`]
  const env = { ...process.env }
  if (config) args.push('--config', basename(config))
  if (egressReport) {
    // Reporters named on the command line replace the config's, the plugin's included: name the
    // egress reporter here too, configured by the environment.
    args.push(`--reporter=${EGRESS_REPORTER}`)
    env.EGRESS_GUARD_REPORT = egressReport
  }
  args.push(...extraArgs)
  const fd = openSync(log, 'w')
  const started = performance.now()
  const result = spawnSync(process.execPath, args, {
    cwd: suiteDir,
    stdio: ['ignore', fd, fd],
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env,
  })
  const wallMs = performance.now() - started
  closeSync(fd)
  if (result.error && result.error.code !== 'ETIMEDOUT') {
    throw new Error(`cannot start vitest in ${suiteDir}: ${result.error.message}`)
  }
  const timedOut = result.error?.code === 'ETIMEDOUT'
  return { label, json, log, wallMs, status: result.status, signal: result.signal, timedOut }
}
