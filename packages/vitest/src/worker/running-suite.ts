/** The describe block (or file) whose `beforeAll`/`afterAll` hooks are running now, found in the file's task tree. */
import type { TaskLike } from './state.js'

export interface RunningSuite {
  suite: TaskLike
  hook: 'beforeAll' | 'afterAll'
}

/** The innermost suites with a running `beforeAll` or `afterAll` hook. */
export function runningSuites(file: TaskLike): RunningSuite[] {
  const found: RunningSuite[] = []
  const visit = (suite: TaskLike): boolean => {
    let inner = false
    for (const child of suite.tasks ?? []) if (child.tasks && visit(child)) inner = true
    if (inner) return true
    const hooks = suite.result?.hooks
    const hook = hooks?.beforeAll === 'run' ? 'beforeAll' : hooks?.afterAll === 'run' ? 'afterAll' : undefined
    if (hook && suite.result?.state === 'run') {
      found.push({ suite, hook })
      return true
    }
    return false
  }
  visit(file)
  return found
}
