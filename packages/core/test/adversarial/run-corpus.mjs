#!/usr/bin/env node
// The bypass corpus (issue 17): every case in cases/*.mjs runs as its own Node process, inside the
// private network namespace, against fresh counting servers on the fake remotes, a fake nameserver
// on 198.18.0.53:53 and a forwarding proxy on loopback; then its expected verdict is checked.
//
//   node scripts/hermetic.mjs -- node packages/core/test/adversarial/run-corpus.mjs [options]
//
//   --allow-known     documented known escapes (`knownEscape: 'reason'`) do not fail the run, as long
//                     as they fail exactly as documented (`knownFindings`, when the case lists them)
//   --jobs N          cases at a time (default 2; cases that may send DNS queries run alone)
//   --only TEXT       only cases whose file or id contains TEXT
//   --json FILE       also write every result and the totals as JSON
//
// Totals: escapes (something reached a server, or a DNS query left, where it must not),
// false blocks (an allowed or mocked case failed, or was recorded as a violation),
// blocked-but-unrecorded (refused, but no violation in any report), unclear errors (a block whose
// error carries no ERR_EGRESS_BLOCKED in its code, cause or message).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { started } from './kit.mjs'
import { startTargets } from './servers.mjs'

if (process.env.EGRESS_GUARD_HERMETIC !== '1') {
  console.error(
    'run-corpus: refusing to run outside the private network namespace. Use:\n' +
      '  node scripts/hermetic.mjs -- node packages/core/test/adversarial/run-corpus.mjs',
  )
  process.exit(2)
}

const here = fileURLToPath(new URL('.', import.meta.url))
const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const allowKnown = flag('--allow-known')
const jobs = Math.max(1, Number(option('--jobs') ?? 2))
const only = option('--only')
const jsonOut = option('--json')
const dist = process.env.CORPUS_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url))
const caseChild = join(here, 'case-child.mjs')
const bin = join(dist, 'cli', 'bin.js')
const VERDICTS = new Set(['blocked', 'allowed', 'mocked', 'sandbox-only'])
const COUNTERS = ['connections', 'requests', 'bytes', 'datagrams', 'dns']

if (!existsSync(join(dist, 'index.js'))) {
  console.error(`run-corpus: ${dist}/index.js is missing; run \`npm run build -w packages/core\` first`)
  process.exit(2)
}

// ---- the corpus ----------------------------------------------------------------------------
const casesDir = join(here, 'cases')
const corpus = []
for (const name of readdirSync(casesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const file = join(casesDir, name)
  const category = name.replace(/\.mjs$/, '')
  for (const c of (await import(pathToFileURL(file).href)).default) {
    if (!VERDICTS.has(c.verdict)) throw new Error(`${name}: case ${c.id} has verdict ${c.verdict}`)
    if (corpus.some((o) => o.id === c.id)) throw new Error(`${name}: duplicate case id ${c.id}`)
    corpus.push({ ...c, file, category, caseFile: `packages/core/test/adversarial/cases/${name}` })
  }
}
const selected = corpus.filter((c) => !only || c.id.includes(only) || c.category.includes(only))

// ---- the fake nameserver -------------------------------------------------------------------
const dnsFixture = await import(pathToFileURL(join(here, '../fixtures/dns/fake-dns-server.ts')).href)
// A `.localhost` name that a real resolver could answer with a remote address.
dnsFixture.FAKE_DNS_RECORDS['evil.localhost'] = ['198.18.0.10']
const nameserver = await dnsFixture.startFakeDnsServer('198.18.0.53', 53)

// ---- one case ------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'egress-corpus-'))

function cleanEnv() {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('EGRESS_GUARD_') || key === 'EGRESS_GUARD_HERMETIC') env[key] = value
  }
  delete env.NODE_OPTIONS
  return env
}

function runProcess(argv, env) {
  return new Promise((resolve) => {
    let killer
    const done = (code, signal, stdout, stderr, result) => {
      clearTimeout(killer)
      resolve({ code, signal, stdout, stderr, result })
    }
    const p = started(argv, { env }, done, 'CORPUS-RESULT')
    p.on('error', (error) => done(null, null, '', String(error), undefined))
    killer = setTimeout(() => p.kill('SIGKILL'), 40_000)
  })
}

function fileViolations(path) {
  if (!existsSync(path)) return []
  try {
    return JSON.parse(readFileSync(path, 'utf8')).violations ?? []
  } catch (error) {
    return [{ unreadable: String(error) }]
  }
}

/** One execution of a case: fresh servers, its process, what reached them. */
async function execute(c, { sandboxed }) {
  const targets = await startTargets()
  const report = join(work, `${c.id}${sandboxed ? '.sandbox' : ''}.json`)
  const firstQuery = nameserver.queries.length
  const env = {
    ...cleanEnv(),
    CORPUS_TARGETS: JSON.stringify({ port: targets.port, proxyPort: targets.proxyPort }),
    CORPUS_DIST: dist,
    EGRESS_GUARD_REPORT: report,
    ...(c.preload ? { EGRESS_GUARD_MODE: 'block', EGRESS_GUARD_ALLOW: c.preloadAllow ?? '' } : {}),
  }
  const node = [process.execPath, ...(c.preload ? ['--require', join(dist, 'register.js')] : [])]
  const argv = sandboxed
    ? [process.execPath, bin, 'sandbox', '--', ...node, caseChild, c.file, c.id]
    : [...node, caseChild, c.file, c.id]
  const ran = await runProcess(argv, env)
  await new Promise((resolve) => setTimeout(resolve, 150)) // late datagrams and queries
  const queries = nameserver.queries.slice(firstQuery)
  const counts = { ...targets.counts, dns: queries.length }
  await targets.close()
  return {
    ...ran,
    counts,
    queries,
    violations: [...(ran.result?.violations ?? []), ...fileViolations(report)],
  }
}

function carriesBlock(e) {
  if (!e) return false
  if (e.code === 'ERR_EGRESS_BLOCKED' || /ERR_EGRESS_BLOCKED|egress-guard blocked/.test(e.message ?? ''))
    return true
  return carriesBlock(e.cause) || (e.errors ?? []).some(carriesBlock)
}

function overBudget(c, counts) {
  const budget = {
    ...(c.verdict === 'allowed' ? { connections: 1e9, requests: 1e9, bytes: 1e9, datagrams: 1e9 } : {}),
    ...c.budget,
  }
  return COUNTERS.filter((k) => (counts[k] ?? 0) > (budget[k] ?? 0)).map(
    (k) => `${k} ${counts[k]} > ${budget[k] ?? 0}`,
  )
}

function reached(counts, reach) {
  if (reach === 'nothing') return true // a hosts-file answer: nothing to reach
  const keys = reach
    ? [reach]
    : ['connections', 'requests', 'datagrams', 'loopback.connections', 'loopback.datagrams']
  return keys.some((k) => (counts[k] ?? 0) > 0)
}

async function runCase(c) {
  const started = Date.now()
  const sandboxed = c.verdict === 'sandbox-only'
  const run = await execute(c, { sandboxed })
  const findings = []
  const error = run.result?.error
  if (!run.result && !sandboxed)
    findings.push({ kind: 'unclear', why: `no result (exit ${run.code ?? run.signal})` })
  const over = overBudget(c, run.counts)
  if (over.length) findings.push({ kind: 'escape', why: over.join(', ') })
  if (c.verdict === 'blocked') {
    if (run.violations.length === 0) findings.push({ kind: 'unrecorded', why: 'no violation in any report' })
    if (!carriesBlock(error))
      findings.push({ kind: 'unclear', why: error ? 'error without ERR_EGRESS_BLOCKED' : 'no error' })
  }
  if (c.verdict === 'allowed') {
    if (error) findings.push({ kind: 'false-block', why: 'failed' })
    else if (!reached(run.counts, c.reach))
      findings.push({ kind: 'false-block', why: `nothing reached (${c.reach ?? 'any'})` })
    if (run.violations.length)
      findings.push({ kind: 'false-block', why: `${run.violations.length} violation(s) recorded` })
  }
  if (c.verdict === 'mocked') {
    if (error || run.result?.value !== 'mocked')
      findings.push({
        kind: 'false-block',
        why: error ? 'failed' : `got ${JSON.stringify(run.result?.value)}`,
      })
    if (run.violations.length)
      findings.push({ kind: 'false-block', why: `${run.violations.length} violation(s) recorded` })
  }
  let inProcess
  if (sandboxed) {
    if (run.code === 3)
      findings.push({ kind: 'unclear', why: `the sandbox could not run: ${run.stderr.trim()}` })
    // For the threat model: what the same program does under the in-process guard alone.
    const unsandboxed = await execute(c, { sandboxed: false })
    inProcess = overBudget(c, unsandboxed.counts).length ? 'escapes' : 'stopped'
  }
  return { case: c, run, findings, inProcess, ms: Date.now() - started }
}

// ---- the queue: `jobs` at a time; a case that may send DNS queries runs alone ---------------
const results = []
// DNS queries are attributed to every case running when they arrive: a case that may send one
// (an allowed query, a known escape, or a sandbox-only case's run without the sandbox) runs alone.
const alone = (c) => Boolean(c.budget?.dns) || c.verdict === 'sandbox-only' || Boolean(c.knownEscape)
const pending = [...selected]
const running = new Set()
await new Promise((resolve) => {
  const next = () => {
    if (pending.length === 0 && running.size === 0) return resolve()
    while (pending.length) {
      const c = pending[0]
      if (running.size >= jobs || (running.size > 0 && (alone(c) || [...running].some(alone)))) break
      pending.shift()
      running.add(c)
      runCase(c)
        .catch((error) => ({
          case: c,
          run: { counts: {}, violations: [] },
          findings: [{ kind: 'unclear', why: String(error) }],
        }))
        .then((r) => {
          results.push(r)
          running.delete(c)
          process.stderr.write(r.findings.length ? 'x' : '.')
          next()
        })
    }
  }
  next()
})
process.stderr.write('\n')
await nameserver.close()
rmSync(work, { recursive: true, force: true })

// ---- summary ---------------------------------------------------------------------------------
results.sort((a, b) => corpus.indexOf(a.case) - corpus.indexOf(b.case))
const KINDS = {
  escape: 'escapes',
  'false-block': 'false blocks',
  unrecorded: 'blocked-but-unrecorded',
  unclear: 'unclear errors',
}
const totals = { escape: 0, 'false-block': 0, unrecorded: 0, unclear: 0 }
const knownTotals = { ...totals }
const categories = new Map()
const staleKnown = []
// A known escape is excused only while it fails the documented way: a case that breaks for
// another reason (or in more ways) is a finding again.
const isKnown = (r) => {
  if (!r.case.knownEscape) return false
  const expected = r.case.knownFindings
  const kinds = [...new Set(r.findings.map((f) => f.kind))].sort()
  return !expected || JSON.stringify([...expected].sort()) === JSON.stringify(kinds) || kinds.length === 0
}
for (const r of results) {
  const row = categories.get(r.case.category) ?? {
    cases: 0,
    blocked: 0,
    allowed: 0,
    mocked: 0,
    'sandbox-only': 0,
    findings: 0,
    known: 0,
  }
  row.cases++
  row[r.case.verdict]++
  const kinds = new Set(r.findings.map((f) => f.kind))
  for (const k of kinds) {
    totals[k]++
    if (isKnown(r)) knownTotals[k]++
  }
  if (kinds.size) row[isKnown(r) ? 'known' : 'findings']++
  if (r.case.knownEscape && kinds.size === 0) staleKnown.push(r.case.id)
  categories.set(r.case.category, row)
}

const pad = (s, n) => String(s).padEnd(n)
const lines = ['', 'egress-guard bypass corpus', '']
lines.push(
  `${pad('category', 20)}${pad('cases', 7)}${pad('blocked', 9)}${pad('allowed', 9)}${pad('mocked', 8)}${pad('sandbox', 9)}${pad('findings', 10)}known`,
)
for (const [name, row] of categories) {
  lines.push(
    `${pad(name, 20)}${pad(row.cases, 7)}${pad(row.blocked, 9)}${pad(row.allowed, 9)}${pad(row.mocked, 8)}${pad(row['sandbox-only'], 9)}${pad(row.findings, 10)}${row.known}`,
  )
}
lines.push(`${pad('total', 20)}${results.length}`, '')
for (const [k, label] of Object.entries(KINDS)) {
  lines.push(
    `${pad(label, 24)}${totals[k]}${knownTotals[k] ? `  (${knownTotals[k]} of them documented known escapes)` : ''}`,
  )
}
const sandboxRows = results.filter((r) => r.case.verdict === 'sandbox-only')
if (sandboxRows.length) {
  lines.push(
    '',
    'sandbox-only cases (stopped by `egress-guard sandbox`; without it, under the in-process guard alone):',
  )
  for (const r of sandboxRows) lines.push(`  ${pad(r.case.id, 40)}in-process: ${r.inProcess}`)
}
const describe = (r) => {
  const out = [`  ${r.case.id} (${r.case.caseFile}, expected ${r.case.verdict}): ${r.case.title}`]
  for (const f of r.findings) out.push(`    ${f.kind}: ${f.why}`)
  out.push(
    `    counts ${JSON.stringify(r.run.counts)}${r.run.queries?.length ? ` queries ${JSON.stringify(r.run.queries)}` : ''}`,
  )
  out.push(
    `    result ${JSON.stringify(r.run.result ?? { exit: r.run.code, stderr: r.run.stderr?.slice(-400) })}`,
  )
  out.push(
    `    violations ${JSON.stringify(r.run.violations?.map((v) => `${v.protocol} ${v.host}:${v.port} ${v.verdict}`))}`,
  )
  return out
}
const known = results.filter((r) => isKnown(r) && r.findings.length)
if (known.length) {
  lines.push('', 'documented known escapes:')
  for (const r of known) lines.push(...describe(r), `    known: ${r.case.knownEscape}`)
}
const unknown = results.filter((r) => !isKnown(r) && r.findings.length)
if (unknown.length) {
  lines.push('', 'FINDINGS:')
  for (const r of unknown) lines.push(...describe(r))
}
if (staleKnown.length)
  lines.push('', `marked knownEscape but no longer escaping (remove the mark): ${staleKnown.join(', ')}`)
console.log(lines.join('\n'))

const counted = Object.keys(totals).reduce((n, k) => n + totals[k] - (allowKnown ? knownTotals[k] : 0), 0)
if (jsonOut) {
  writeFileSync(
    jsonOut,
    JSON.stringify(
      {
        cases: results.length,
        totals,
        knownTotals,
        staleKnown,
        categories: Object.fromEntries(categories),
        results: results.map((r) => ({
          id: r.case.id,
          file: r.case.caseFile,
          verdict: r.case.verdict,
          knownEscape: isKnown(r) ? r.case.knownEscape : undefined,
          findings: r.findings,
          inProcess: r.inProcess,
        })),
      },
      null,
      2,
    ),
  )
}
process.exit(counted > 0 || staleKnown.length > 0 ? 1 : 0)
