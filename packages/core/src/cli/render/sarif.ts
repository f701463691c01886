/**
 * The report as SARIF 2.1.0, for code scanning: one rule per verdict, one result per destination
 * and call site, located at the call site (relative to the repository root, `%SRCROOT%`) with its
 * start line, and carrying the destination under OpenTelemetry's attribute names.
 */
import { destinationKey, type EgressReportFile, type FileAttempt } from 'egress-guard'

const RULES = {
  blocked: { level: 'error', text: 'A connection the egress policy does not allow, refused in block mode.' },
  recorded: {
    level: 'warning',
    text: 'A connection the egress policy does not allow, let through and recorded in record mode.',
  },
  allowed: { level: 'note', text: 'A connection an allow rule (or loopback) admitted.' },
} as const
type Verdict = keyof typeof RULES
const ORDER: Verdict[] = ['blocked', 'recorded', 'allowed']

/** OpenTelemetry `network.transport` for each of the report's protocols. */
const TRANSPORT = { tcp: 'tcp', tls: 'tcp', http: 'tcp', udp: 'udp', dns: 'udp', unix: 'unix' } as const
const LOCATION = /^(.*):(\d+):(\d+)$/

interface Group {
  verdict: Verdict
  destination: string
  stack: string | undefined
  attempts: FileAttempt[]
}

function groups(file: EgressReportFile): Group[] {
  const byKey = new Map<string, Group>()
  for (const attempt of file.attempts) {
    const destination = destinationKey(attempt)
    const key = JSON.stringify([attempt.verdict, destination, attempt.stack ?? ''])
    let group = byKey.get(key)
    if (!group) {
      group = { verdict: attempt.verdict, destination, stack: attempt.stack, attempts: [] }
      byKey.set(key, group)
    }
    group.attempts.push(attempt)
  }
  return [...byKey.values()].sort(
    (a, b) =>
      ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) || a.destination.localeCompare(b.destination),
  )
}

function location(stack: string | undefined) {
  const where = stack ? LOCATION.exec(stack) : null
  if (!where) return undefined
  const path = where[1] as string
  const relative = !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)
  const uri = relative ? path.split('/').map(encodeURIComponent).join('/') : new URL(`file://${path}`).href
  return {
    physicalLocation: {
      artifactLocation: relative ? { uri, uriBaseId: '%SRCROOT%' } : { uri },
      region: { startLine: Number(where[2]), startColumn: Number(where[3]) },
    },
  }
}

function result(group: Group) {
  const first = group.attempts[0] as FileAttempt
  const protocols = [...new Set(group.attempts.map((a) => a.protocol))]
  const tests = [...new Set(group.attempts.flatMap((a) => (a.test ? [a.test] : [])))]
  const properties: Record<string, unknown> = {
    'server.address': first.path ?? first.host ?? first.address,
    'network.transport': TRANSPORT[first.protocol],
    'egress.protocols': protocols,
    'egress.count': group.attempts.length,
  }
  if (first.port !== undefined) properties['server.port'] = first.port
  if (tests.length) properties['egress.tests'] = tests
  const projects = [...new Set(group.attempts.flatMap((a) => (a.project ? [a.project] : [])))]
  if (projects.length) properties['egress.projects'] = projects
  const where = location(group.stack)
  const because = first.rule ? `allowed by ${first.rule}` : first.reason
  return {
    ruleId: `egress/${group.verdict}`,
    ruleIndex: ORDER.indexOf(group.verdict),
    level: RULES[group.verdict].level,
    message: {
      text: `${group.verdict} ${protocols.join(',')} egress to ${group.destination} (${group.attempts.length}x)${because ? `: ${because}` : ''}`,
    },
    ...(where ? { locations: [where] } : {}),
    partialFingerprints: { egressDestination: `${group.verdict}:${group.destination}:${group.stack ?? ''}` },
    properties,
  }
}

export function renderSarif(file: EgressReportFile): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'egress-guard',
            informationUri: 'https://github.com/egress-guard/egress-guard',
            rules: ORDER.map((verdict) => ({
              id: `egress/${verdict}`,
              name: `Egress${verdict[0]?.toUpperCase()}${verdict.slice(1)}`,
              shortDescription: { text: `egress ${verdict}` },
              fullDescription: { text: RULES[verdict].text },
              defaultConfiguration: { level: RULES[verdict].level },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results: groups(file).map(result),
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
