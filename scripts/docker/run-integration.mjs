#!/usr/bin/env node
// `npm run test:integration`: everything the integration suite needs, from a bare machine.
//   1. a Docker engine (reuse a running one, else install docker.io and start dockerd, PID recorded)
//   2. the local images (present, loaded from the cache tarball, or built from Debian packages)
//   3. the packages under test, built (the suite imports them by name, as users do)
//   4. vitest run --project integration (extra arguments are passed on)
//   5. remove the containers testcontainers left, and stop the engine if step 1 started it
// Set EGRESS_GUARD_KEEP_ENGINE=1 to leave a started engine running for the next run.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { removeTestContainers } from './lib/containers.mjs'
import { ensureEngine, stopEngine } from './lib/engine.mjs'
import { ensureImages } from './lib/ensure-images.mjs'
import { log, run } from './lib/exec.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const bin = (name) => path.join(repo, 'node_modules/.bin', name)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const timings = []
const step = async (name, fn) => {
  const started = Date.now()
  try {
    return await fn()
  } finally {
    timings.push(`${name} ${seconds(Date.now() - started)}`)
  }
}

function runVitest(env) {
  return new Promise((resolve) => {
    const args = ['run', '--project', 'integration', ...process.argv.slice(2)]
    const child = spawn(bin('vitest'), args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const started = Date.now()
let engine = { started: false }
let exitCode = 1
try {
  engine = await step('engine', () => ensureEngine())
  const images = await step('images', () => ensureImages())
  await step('build', async () => {
    // Every build goes through the packages' own `build` scripts (issue 13: one build), so what a
    // later benchmark or test loads does not depend on which script ran before: egress-guard's main
    // entry stays the bundle, never tsc's unbundled output.
    for (const pkg of ['packages/core', 'packages/testcontainers']) {
      await run('npm', ['run', 'build', '--silent', '-w', pkg])
    }
  })
  const env = { ...images, TESTCONTAINERS_RYUK_DISABLED: 'true' }
  log(
    `graph store image: ${process.env.NEO4J_IMAGE ? `NEO4J_IMAGE=${process.env.NEO4J_IMAGE} (real Neo4j)` : `${images.BOLT_STANDIN_IMAGE} (Bolt stand-in)`}`,
  )
  exitCode = await step('tests', () => runVitest(env))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
} finally {
  await step('cleanup', async () => {
    await removeTestContainers().catch((e) => log(`cleanup: ${e.message}`))
    if (engine.started && process.env.EGRESS_GUARD_KEEP_ENGINE !== '1') await stopEngine()
  })
  log(`timings: ${timings.join(', ')}; total ${seconds(Date.now() - started)}`)
}
process.exit(exitCode)
