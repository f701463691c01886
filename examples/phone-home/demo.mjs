// npm run demo: run the phone-home app under egress-guard, first in record mode (what would leave),
// then in block mode (nothing leaves), and print what was caught.
import { egressGuard, withEgressGuard } from '../../packages/core/dist/index.js'
import { runJob, startStore } from './app.mjs'

const store = await startStore()
const storePort = store.address().port

function printReport(title, report) {
  console.log(`\n${title}`)
  const rows = report.destinations().map((d) => ({
    destination: d.destination,
    protocols: d.protocols.join(','),
    count: d.count,
    verdicts: Object.entries(d.verdicts)
      .map(([verdict, n]) => `${verdict}:${n}`)
      .join(' '),
  }))
  console.table(rows)
  for (const v of report.violations) {
    console.log(
      `  ${v.verdict.padEnd(8)} ${v.protocol} ${v.host ?? ''}:${v.port ?? ''}${v.address ? ` (${v.address})` : ''} at ${v.stack ?? '?'}`,
    )
  }
}

console.log(
  `egress-guard demo: a service that claims to be air-gapped, with its store on 127.0.0.1:${storePort}`,
)

const recorded = await withEgressGuard({ mode: 'record' }, () => runJob(storePort))
console.log(
  '\nrecord mode outcomes (connections go through, the network namespace has no route):',
  recorded.value,
)
printReport('record mode: destinations contacted', recorded.report)

const guard = egressGuard({ mode: 'block' })
const blocked = await runJob(storePort)
guard.dispose()
console.log('\nblock mode outcomes:', blocked)
printReport('block mode: destinations blocked', guard.report)

const first = guard.report.violations[0]
if (first)
  console.log(
    `\nA blocked connection's error tells you the rule to add, e.g. allow: ['${first.host}:${first.port}']`,
  )
store.close()
