/**
 * Each test's outcome, from node:test's event stream: `test:start` comes in tree order (a describe
 * before its tests), so the full name of a test is the names on the stack of its file.
 */
export interface TestEvent {
  type: string
  data?: { name?: string; nesting?: number; file?: string; details?: { type?: string } } | undefined
}

export class TestOutcomes {
  readonly #stacks = new Map<string, string[]>()
  readonly #states = new Map<string, string>()

  note(event: TestEvent): void {
    const data = event.data
    if (!data?.file || data.name === undefined || data.nesting === undefined) return
    const stack = this.#stacks.get(data.file) ?? []
    this.#stacks.set(data.file, stack)
    if (event.type === 'test:start') {
      stack.length = data.nesting
      stack.push(data.name)
      return
    }
    if ((event.type === 'test:pass' || event.type === 'test:fail') && data.details?.type !== 'suite') {
      const fullName = [...stack.slice(0, data.nesting), data.name].join(' > ')
      this.#states.set(key(data.file, fullName), event.type === 'test:pass' ? 'passed' : 'failed')
    }
  }

  stateOf(file: string, test: string): string {
    return this.#states.get(key(file, test)) ?? 'unknown'
  }
}

function key(file: string, test: string): string {
  return `${file}\u0000${test}`
}
