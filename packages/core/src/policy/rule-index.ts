/** Every parsed rule, filed by kind into the table that finds it in flat time. */
import type { IpAddress } from './address.js'
import { AddressTable } from './address-table.js'
import { NameTable } from './name-table.js'
import type { ParsedRule } from './rule.js'
import { betterMatch, type RuleMatch } from './rule-slot.js'
import { SuffixTrie } from './suffix-trie.js'
import { UnixTable } from './unix-table.js'

export class RuleIndex {
  readonly #names = new NameTable()
  readonly #suffixes = new SuffixTrie()
  readonly #addresses = new AddressTable()
  readonly #unix = new UnixTable()

  constructor(rules: readonly ParsedRule[]) {
    for (const rule of rules) {
      if (rule.kind === 'unix') {
        this.#unix.add(rule)
        continue
      }
      const { target, port, pathPrefix } = rule
      if (target.kind === 'name') this.#names.add(target.name, port, rule.rule, pathPrefix)
      else if (target.kind === 'suffix') this.#suffixes.add(target.suffix, port, rule.rule, pathPrefix)
      else this.#addresses.add(target.range, port, rule.rule, pathPrefix)
    }
    this.#addresses.seal()
  }

  /** A name rule (exact, suffix or URL host) covering the name at this port. */
  matchName(name: string, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const exact = this.#names.match(name, port, requestPath)
    if (exact !== undefined && 'rule' in exact) return exact
    return betterMatch(exact, this.#suffixes.match(name, port, requestPath))
  }

  /** An address or CIDR rule (or URL with an address host) covering the address at this port. */
  matchAddress(address: IpAddress, port: number | undefined, requestPath: string | undefined): RuleMatch {
    return this.#addresses.match(address, port, requestPath)
  }

  matchUnix(path: string): string | undefined {
    return this.#unix.match(path)
  }
}
