/**
 * CIDR ranges, sorted, found by binary search: O(log n) whatever the number of rules.
 *
 * Two CIDR blocks are either disjoint or nested. Sorting by start (wider first on ties) and dropping
 * every block inside the one kept before it leaves disjoint blocks, so the only candidate for an
 * address is the last block that starts at or below it.
 */

export class RangeList<T extends number | bigint> {
  #pending: { start: T; end: T; rule: string }[] = []
  // IPv4 blocks are kept in Float64Arrays: values above 2^30 would otherwise be boxed heap numbers,
  // one pointer chase (and, with 100 000 rules, one cache miss) per step of the search.
  #starts: ArrayLike<T> = []
  #ends: ArrayLike<T> = []
  #rules: string[] = []

  add(start: T, end: T, rule: string): void {
    this.#pending.push({ start, end, rule })
  }

  /** Sorts the pending blocks into the search arrays. Call after the last `add`. */
  seal(): void {
    const blocks = this.#pending.sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0,
    )
    this.#pending = []
    const starts: T[] = []
    const ends: T[] = []
    for (const block of blocks) {
      const lastEnd = ends[ends.length - 1]
      if (lastEnd !== undefined && block.start <= lastEnd) continue
      starts.push(block.start)
      ends.push(block.end)
      this.#rules.push(block.rule)
    }
    const numeric = typeof starts[0] === 'number'
    this.#starts = numeric ? (Float64Array.from(starts as number[]) as unknown as ArrayLike<T>) : starts
    this.#ends = numeric ? (Float64Array.from(ends as number[]) as unknown as ArrayLike<T>) : ends
  }

  get size(): number {
    return this.#starts.length
  }

  /** The rule whose block holds the value, or undefined. */
  find(value: T): string | undefined {
    const starts = this.#starts
    let low = 0
    let high = starts.length - 1
    let candidate = -1
    while (low <= high) {
      const mid = (low + high) >>> 1
      if ((starts[mid] as T) <= value) {
        candidate = mid
        low = mid + 1
      } else {
        high = mid - 1
      }
    }
    if (candidate < 0 || (this.#ends[candidate] as T) < value) return undefined
    return this.#rules[candidate]
  }
}
