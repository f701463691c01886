/**
 * Where a test process's records go: under `--test` each test file runs in a child of the process
 * that runs the reporters, so both name the channel after that process (the child's parent). The
 * reporter creates the directory when it loads, before any child starts; a test process without the
 * reporter finds no directory and writes nothing.
 */
import { existsSync } from 'node:fs'
import { recordsDir } from '@egress-guard/gate'

export const RUNNER = 'node-test'

/** The channel of the run this test process belongs to, if a reporter listens. */
export function channelOfTestProcess(): string | undefined {
  // `--test` children carry NODE_TEST_CONTEXT; without it (`--test-isolation=none`, a plain `node
  // file.test.js`) the tests run in the reporting process itself.
  const owner = process.env.NODE_TEST_CONTEXT ? process.ppid : process.pid
  const dir = recordsDir(RUNNER, owner)
  return existsSync(dir) ? dir : undefined
}
