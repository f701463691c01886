// Ryuk (testcontainers' reaper) cannot be pulled here, so the suite removes its own containers:
// every container labelled org.testcontainers=true, running or not.
import { dockerCli, log, run } from './exec.mjs'

export async function removeTestContainers() {
  const ids = (
    await run(dockerCli(), ['ps', '-aq', '--filter', 'label=org.testcontainers=true'], { capture: true })
  )
    .split('\n')
    .filter(Boolean)
  if (ids.length === 0) return 0
  await run(dockerCli(), ['rm', '-f', '-v', ...ids], { capture: true })
  log(`removed ${ids.length} testcontainers container(s)`)
  return ids.length
}
