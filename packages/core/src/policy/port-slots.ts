/** The rules filed under one name, suffix or address: those for every port, and those for one port. */
import { addToSlot, betterMatch, matchSlot, type RuleMatch, type RuleSlot } from './rule-slot.js'

export interface PortSlots {
  anyPort?: RuleSlot
  ports?: Map<number, RuleSlot>
}

export function addToPortSlots(
  slots: PortSlots,
  port: number | undefined,
  rule: string,
  pathPrefix: string | undefined,
): void {
  let slot: RuleSlot | undefined
  if (port === undefined) {
    slot = slots.anyPort ??= {}
  } else {
    slots.ports ??= new Map()
    slot = slots.ports.get(port)
    if (slot === undefined) {
      slot = {}
      slots.ports.set(port, slot)
    }
  }
  addToSlot(slot, rule, pathPrefix)
}

export function matchPortSlots(
  slots: PortSlots,
  port: number | undefined,
  requestPath: string | undefined,
): RuleMatch {
  const anyPort = slots.anyPort && matchSlot(slots.anyPort, requestPath)
  if (port === undefined || slots.ports === undefined) return anyPort
  if (anyPort !== undefined && 'rule' in anyPort) return anyPort
  return betterMatch(anyPort, matchSlot(slots.ports.get(port), requestPath))
}
