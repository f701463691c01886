import { describe, expect, it } from 'vitest'
import { applyPatchPoints, type PatchPoint } from '../src/guard/patch-stack.js'

function target() {
  return { a: () => 'a', b: () => 'b', c: () => 'c' }
}

describe('the one restore stack', () => {
  it('rolls back a patch point that fails half-way, and the points before it, exactly', () => {
    const owner = target()
    const before = Object.getOwnPropertyDescriptors(owner)
    const undone: string[] = []
    const first: PatchPoint = {
      name: 'first',
      install(stack) {
        stack.patch<() => string>(owner, 'a', () => () => 'A')
        stack.push(() => undone.push('first listener'))
      },
    }
    const halfway: PatchPoint = {
      name: 'half-way',
      install(stack) {
        stack.patch<() => string>(owner, 'b', () => () => 'B')
        stack.patch<() => string>(owner, 'missing', () => () => 'never')
        throw new Error('the second property refused')
      },
    }
    expect(() => applyPatchPoints([first, halfway])).toThrow(
      /installing half-way failed: the second property refused\. Nothing is patched\./,
    )
    expect(Object.getOwnPropertyDescriptors(owner)).toEqual(before)
    expect(undone).toEqual(['first listener'])
  })

  it('restores in reverse order, every restore even when one throws, and reports the failure', () => {
    const owner = target()
    const before = Object.getOwnPropertyDescriptors(owner)
    const order: string[] = []
    const restore = applyPatchPoints([
      {
        name: 'p',
        install(stack) {
          stack.patch<() => string>(owner, 'a', () => () => 'A')
          stack.push(() => order.push('first pushed'))
          stack.push(() => {
            order.push('second pushed')
            throw new Error('cannot unsubscribe')
          })
          stack.patch<() => string>(owner, 'c', () => () => 'C')
        },
      },
    ])
    expect(owner.a()).toBe('A')
    expect(owner.c()).toBe('C')
    expect(() => restore()).toThrow(/could not restore every patch: cannot unsubscribe/)
    expect(order).toEqual(['second pushed', 'first pushed'])
    expect(Object.getOwnPropertyDescriptors(owner)).toEqual(before)
  })
})
