/**
 * `*.suffix` rules in a trie of labels read right to left (`*.corp.test` is test → corp). A lookup
 * walks at most as many nodes as the name has labels, whatever the number of rules.
 * `*.corp.test` covers `a.corp.test` and `a.b.corp.test`, not `corp.test` itself.
 */
import { addToSlot, betterMatch, matchSlot, type RuleMatch, type RuleSlot } from './rule-slot.js'

interface TrieNode {
  children?: Map<string, TrieNode>
  anyPort?: RuleSlot
  ports?: Map<number, RuleSlot>
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
    let slot: RuleSlot | undefined
    if (port === undefined) {
      slot = node.anyPort ??= {}
    } else {
      node.ports ??= new Map()
      slot = node.ports.get(port)
      if (slot === undefined) {
        slot = {}
        node.ports.set(port, slot)
      }
    }
    addToSlot(slot, rule, pathPrefix)
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
      found = betterMatch(this.#matchNode(node, port, requestPath), found)
      end = dot
    }
    return found
  }

  #matchNode(node: TrieNode, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const anyPort = node.anyPort && matchSlot(node.anyPort, requestPath)
    if (port === undefined || node.ports === undefined) return anyPort
    return betterMatch(anyPort, matchSlot(node.ports.get(port), requestPath))
  }
}
