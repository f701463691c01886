/**
 * `*.suffix` rules in a trie of labels read right to left (`*.corp.test` is test → corp). A lookup
 * walks at most as many nodes as the name has labels, whatever the number of rules.
 * `*.corp.test` covers `a.corp.test` and `a.b.corp.test`, not `corp.test` itself.
 */
import { addToPortSlots, matchPortSlots, type PortSlots } from './port-slots.js'
import { betterMatch, type RuleMatch } from './rule-slot.js'

interface TrieNode extends PortSlots {
  children?: Map<string, TrieNode>
}

export class SuffixTrie {
  readonly #root: TrieNode = {}

  add(suffix: string, port: number | undefined, rule: string, pathPrefix: string | undefined): void {
    let node = this.#root
    for (const label of suffix.split('.').reverse()) {
      node.children ??= new Map()
      let child = node.children.get(label)
      if (child === undefined) {
        child = {}
        node.children.set(label, child)
      }
      node = child
    }
    addToPortSlots(node, port, rule, pathPrefix)
  }

  /** The deepest suffix rule that admits the name; else a URL rule whose prefix missed; else undefined. */
  match(name: string, port: number | undefined, requestPath: string | undefined): RuleMatch {
    let node: TrieNode | undefined = this.#root
    let found: RuleMatch
    let end = name.length
    while (end > 0 && node !== undefined) {
      const dot = name.lastIndexOf('.', end - 1)
      node = node.children?.get(name.slice(dot + 1, end))
      if (node === undefined || dot < 0) break
      // A label remains to the left of this suffix: the wildcard covers it.
      found = betterMatch(matchPortSlots(node, port, requestPath), found)
      end = dot
    }
    return found
  }
}
