/**
 * The one function that writes to Node's objects. It saves the own property descriptor, refuses to
 * patch twice, throws when it cannot patch, and returns an idempotent `restore()` that puts the
 * exact descriptor back (or deletes the property if there was none).
 */
import { EgressGuardError } from '../errors.js'

export type Restore = () => void

const kPatched = Symbol.for('egress-guard.patched')

function describeKey(owner: object, key: PropertyKey): string {
  const ctor = (owner as { constructor?: { name?: string } }).constructor
  const ownerName = typeof owner === 'function' ? owner.name : (ctor?.name ?? 'object')
  return `${ownerName}.${String(key)}`
}

/**
 * Replace `owner[key]` with `wrap(original)`. Data properties only; a writable but
 * non-configurable property is patched and restored by assignment.
 */
export function patchProperty<T>(owner: object, key: PropertyKey, wrap: (original: T) => T): Restore {
  const label = describeKey(owner, key)
  const descriptor = Object.getOwnPropertyDescriptor(owner, key)
  if (descriptor && !('value' in descriptor)) {
    throw new EgressGuardError(`egress-guard cannot patch ${label}: it is an accessor property`)
  }
  const original = (descriptor ? descriptor.value : (owner as Record<PropertyKey, unknown>)[key]) as T
  if (typeof original === 'function' && (original as Record<symbol, unknown>)[kPatched]) {
    throw new EgressGuardError(`egress-guard cannot patch ${label} twice`)
  }
  const replacement = wrap(original)
  if (typeof replacement === 'function') {
    Object.defineProperty(replacement, kPatched, { value: true })
    copyFunctionIdentity(replacement, original)
  }
  if (!descriptor || descriptor.configurable) {
    Object.defineProperty(owner, key, {
      value: replacement,
      writable: descriptor?.writable ?? true,
      enumerable: descriptor?.enumerable ?? false,
      configurable: true,
    })
  } else if (descriptor.writable) {
    ;(owner as Record<PropertyKey, unknown>)[key] = replacement
  } else {
    throw new EgressGuardError(`egress-guard cannot patch ${label}: it is read-only and non-configurable`)
  }
  if ((owner as Record<PropertyKey, unknown>)[key] !== replacement) {
    throw new EgressGuardError(`egress-guard cannot patch ${label}: the assignment did not take`)
  }

  let restored = false
  const restore: Restore = () => {
    if (restored) return
    restored = true
    // Someone else patched or restored this property after us (msw, nock, a test spy). Writing our
    // saved descriptor back would clobber their change with a stale value: leave theirs in place.
    // Our replacement, if still reachable through their wrapper, passes through once no scope is live.
    if ((owner as Record<PropertyKey, unknown>)[key] !== replacement) return
    if (!descriptor) {
      delete (owner as Record<PropertyKey, unknown>)[key]
    } else if (descriptor.configurable) {
      Object.defineProperty(owner, key, descriptor)
    } else {
      ;(owner as Record<PropertyKey, unknown>)[key] = descriptor.value
    }
  }
  return restore
}

/** Keep `name` and `length` so stack traces and feature checks see the original's shape. */
function copyFunctionIdentity(replacement: unknown, original: unknown): void {
  if (typeof replacement !== 'function' || typeof original !== 'function') return
  for (const prop of ['name', 'length'] as const) {
    try {
      Object.defineProperty(replacement, prop, { value: original[prop], configurable: true })
    } catch {
      // name/length are configurable on ordinary functions; nothing to keep otherwise
    }
  }
}
