// Runs one corpus case in this process: `node case-child.mjs <cases file> <case id>`.
// Prints one line `CORPUS-RESULT {value|error, violations}` for run-corpus.mjs, then exits.
// The built package comes from CORPUS_DIST (default packages/core/dist).
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as kit from './kit.mjs'

const [file, id] = process.argv.slice(2)
const dist = process.env.CORPUS_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url))
const cases = (await import(pathToFileURL(file).href)).default
const found = cases.find((c) => c.id === id)
if (!found) {
  console.error(`case-child: no case ${id} in ${file}`)
  process.exit(2)
}

const reports = []
let lib
const context = {
  kit,
  t: kit.targets,
  dist,
  register: join(dist, 'register.js'),
  async lib() {
    lib ??= await import(pathToFileURL(join(dist, 'index.js')).href)
    return lib
  },
  /** `egressGuard({ mode: 'block', ...options })`, its report kept for the verdict. */
  async guard(options = {}) {
    const guard = (await context.lib()).egressGuard({ mode: 'block', ...options })
    reports.push(guard.report)
    return guard
  },
  /** `withEgressGuard({ mode: 'block', ...options }, body)`: body's value, or its error rethrown. */
  async within(options, body) {
    const { value, report } = await (await context.lib()).withEgressGuard(
      { mode: 'block', ...options },
      async () => {
        try {
          return { ok: await body() }
        } catch (error) {
          return { failed: error }
        }
      },
    )
    reports.push(report)
    if ('failed' in value) throw value.failed
    return value.ok
  },
}

let result
try {
  result = { value: await kit.timeout(Promise.resolve(found.run(context)), 12_000, 'case') }
} catch (error) {
  result = { error: kit.serialize(error) }
}
result.violations = reports.flatMap((r) =>
  r.violations.map(({ host, port, address, protocol, verdict, url }) => ({
    host,
    port,
    address,
    protocol,
    verdict,
    url,
  })),
)
process.stdout.write(`\nCORPUS-RESULT ${JSON.stringify(result)}\n`)
process.exit(0)
