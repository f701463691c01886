/**
 * The JS object that owns a native handle (a net.Socket for a TCP handle, a dgram.Socket for a UDP
 * one), found through Node's `owner_symbol` property, and the error code a handle method returns
 * to refuse without touching the kernel.
 */
import { constants } from 'node:os'

export const UV_EACCES = -constants.errno.EACCES

let ownerSymbol: symbol | undefined

export function ownerOf<T extends object>(handle: object): T | undefined {
  ownerSymbol ??= Object.getOwnPropertySymbols(handle).find((s) => s.description === 'owner_symbol')
  return ownerSymbol ? (handle as Record<symbol, T | undefined>)[ownerSymbol] : undefined
}
