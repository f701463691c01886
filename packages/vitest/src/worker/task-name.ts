/** A test's name as Vitest prints it: describe blocks and the test, joined by ` > `, without the file. */
import type { TaskLike } from './state.js'

export function taskFullName(task: TaskLike): string {
  const names: string[] = []
  for (let t: TaskLike | undefined = task; t && !isFile(t); t = t.suite) names.unshift(t.name)
  return names.join(' > ')
}

/** The file task is the root suite: it has a `filepath`. */
export function isFile(task: TaskLike): boolean {
  return 'filepath' in task
}
