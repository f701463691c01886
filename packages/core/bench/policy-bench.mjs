// Decisions per second of the policy engine for allowlists of 10, 1 000 and 100 000 rules.
// Build first, then run on the pinned Node:
//   npx tsc -p packages/core/tsconfig.build.json && npx node packages/core/bench/policy-bench.mjs
// A benchmark, not a test: it prints figures and asserts nothing. No I/O, no network.
import { createPolicy } from '../dist/index.js'

const sizes = (process.env.BENCH_SIZES ?? '10,1000,100000').split(',').map(Number)
const queryCount = 20_000
const runMillis = Number(process.env.BENCH_MS ?? 400)
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)

/** Rule i of a mixed allowlist: 40% names (half with a port), 30% suffixes, 20% IPv4 /24, 10% IPv6 /48. */
function ruleAt(i) {
  const kind = i % 10
  if (kind < 4) return i % 2 ? `svc-${i}.zone-${i % 997}.test:5432` : `svc-${i}.zone-${i % 997}.test`
  if (kind < 7) return `*.tenant-${i}.test`
  if (kind < 9) return `${ipv4Block(i)}0/24${i % 3 === 0 ? ':5432' : ''}`
  return `2001:db8:${(i & 0xffff).toString(16)}::/48`
}

/** The first three octets (and a dot) of IPv4 block i: 10.0.0. up to 17.255.255., all distinct. */
function ipv4Block(i) {
  return `${10 + ((i >> 16) & 7)}.${(i >> 8) & 255}.${i & 255}.`
}

/** A destination rule i admits. */
function hitFor(i) {
  const rule = ruleAt(i)
  const kind = i % 10
  if (kind < 4) return { host: rule.replace(/:5432$/, '').toUpperCase(), port: 5432 }
  if (kind < 7) return { host: `api.eu.tenant-${i}.test`, port: 443, address: '198.18.0.10' }
  if (kind < 9) return { host: `${ipv4Block(i)}77`, port: 5432 }
  return { host: 'v6.test', port: 443, address: `2001:db8:${(i & 0xffff).toString(16)}::42` }
}

/** A destination no rule admits: names before and after DNS, addresses outside every block. */
function missFor(k) {
  switch (k % 4) {
    case 0:
      return { host: `miss-${k}.zone-${k % 997}.test`, port: 5432 }
    case 1:
      return { host: `miss-${k}.elsewhere.test`, port: 443, address: `198.51.100.${k & 255}` }
    case 2:
      return { host: `172.16.${(k >> 8) & 255}.${k & 255}`, port: 5432 }
    default:
      return { host: `2001:db8:ffff:${(k & 0xffff).toString(16)}::1`, port: 443 }
  }
}

function queriesFor(ruleCount) {
  const queries = []
  let seed = 12345
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x80000000
  }
  for (let q = 0; q < queryCount; q++) {
    queries.push(q % 2 ? hitFor(Math.floor(random() * ruleCount)) : missFor(Math.floor(random() * 1e6)))
  }
  return queries
}

/** One timed run of about `runMillis` over the queries, repeated. */
function measure(policy, queries) {
  let allowed = 0
  let decisions = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(runMillis) * 1_000_000n
  let now = start
  while (now < deadline) {
    for (const query of queries) allowed += policy.decide(query).allowed ? 1 : 0
    decisions += queries.length
    now = process.hrtime.bigint()
  }
  return { perSecond: decisions / (Number(now - start) / 1e9), hitRate: allowed / decisions }
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]

const setups = sizes.map((size) => {
  const allow = Array.from({ length: size }, (_, i) => ruleAt(i))
  const built = process.hrtime.bigint()
  const policy = createPolicy({ allow })
  const buildMs = Number(process.hrtime.bigint() - built) / 1e6
  return { size, policy, buildMs, queries: queriesFor(size) }
})
// Warm every size first, so the first one measured does not pay for the JIT alone.
for (const { policy, queries } of setups) for (const query of queries) policy.decide(query)
// Sizes take turns, round after round, so that load from elsewhere on the machine falls on all of
// them alike; each size reports its median round.
const runs = setups.map(() => [])
for (let round = 0; round < rounds; round++) {
  for (const [i, { policy, queries }] of setups.entries()) runs[i].push(measure(policy, queries))
}
const results = setups.map(({ size, buildMs }, i) => ({
  size,
  buildMs,
  perSecond: median(runs[i].map((r) => r.perSecond)),
  hitRate: runs[i][0].hitRate,
}))

const base = results[0].perSecond
console.log(
  `egress-guard policy benchmark (Node ${process.version}, ${queryCount} queries, half hits; median of ${rounds} rounds of ${runMillis} ms per size)`,
)
for (const r of results) {
  console.log(
    `${String(r.size).padStart(7)} rules: ${Math.round(r.perSecond).toLocaleString('en').padStart(11)} decisions/s` +
      `  (${(base / r.perSecond).toFixed(2)}x slower than 10 rules; ${(r.hitRate * 100).toFixed(0)}% allowed; built in ${r.buildMs.toFixed(1)} ms)`,
  )
}
