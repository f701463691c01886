/** Bolt 5 message tags (PackStream structure tags) and the server's response constructors. */
import { type PackValue, Structure } from './packstream.js'

export const Request = {
  HELLO: 0x01,
  GOODBYE: 0x02,
  RESET: 0x0f,
  RUN: 0x10,
  BEGIN: 0x11,
  COMMIT: 0x12,
  ROLLBACK: 0x13,
  DISCARD: 0x2f,
  PULL: 0x3f,
  TELEMETRY: 0x54,
  ROUTE: 0x66,
  LOGON: 0x6a,
  LOGOFF: 0x6b,
} as const

export const requestNames = new Map<number, string>(Object.entries(Request).map(([k, v]) => [v, k]))

type Metadata = { [key: string]: PackValue }

export const success = (metadata: Metadata = {}) => new Structure(0x70, [metadata])
export const record = (values: PackValue[]) => new Structure(0x71, [values])
export const ignored = () => new Structure(0x7e, [])
export const failure = (code: string, message: string) => new Structure(0x7f, [{ code, message }])
