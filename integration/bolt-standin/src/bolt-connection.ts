/**
 * One client connection: the handshake, then the Bolt 5.1+ server state machine
 * (AUTHENTICATION → READY ⇄ STREAMING, TX_READY ⇄ TX_STREAMING, FAILED until RESET).
 */
import type { Socket } from 'node:net'
import { type AuthConfig, isAuthorised } from './auth.js'
import { chunkMessage, Dechunker } from './chunking.js'
import { CypherError } from './cypher-error.js'
import { type QueryResult, runQuery } from './cypher-templates.js'
import type { GraphStore } from './graph-store.js'
import {
  type BoltVersion,
  encodeVersion,
  HANDSHAKE_LENGTH,
  negotiateVersion,
  parseHandshake,
} from './handshake.js'
import { failure, ignored, Request, record, requestNames, success } from './messages.js'
import { Packer, type PackValue, Structure, Unpacker } from './packstream.js'
import { routingTable } from './routing-table.js'

export interface BoltServerConfig {
  auth: AuthConfig
  store: GraphStore
  versions: BoltVersion[]
  /** `host:port` the ROUTE answer advertises; default: the address the client says it dialled. */
  advertisedAddress?: string
  /** Server agent in HELLO's answer, e.g. `Neo4j/5.26.0`. */
  agent: string
  log(line: string): void
}

type State = 'HANDSHAKE' | 'AUTHENTICATION' | 'READY' | 'STREAMING' | 'TX_READY' | 'TX_STREAMING' | 'FAILED'
type Map_ = { [key: string]: PackValue }

export class BoltConnection {
  #state: State = 'HANDSHAKE'
  #greeted = false
  #handshake = Buffer.alloc(0)
  readonly #dechunker = new Dechunker()
  #result: (QueryResult & { offset: number }) | undefined
  #rollback: (() => void) | undefined
  #bookmark = 0

  constructor(
    readonly socket: Socket,
    readonly config: BoltServerConfig,
    readonly id: string,
  ) {
    socket.on('data', (data: Buffer) => this.#onData(data))
    socket.on('error', () => socket.destroy())
    socket.on('close', () => this.#rollback?.())
  }

  #onData(data: Buffer): void {
    if (this.#state === 'HANDSHAKE') {
      this.#handshake = Buffer.concat([this.#handshake, data])
      if (this.#handshake.length < HANDSHAKE_LENGTH) return
      const rest = this.#handshake.subarray(HANDSHAKE_LENGTH)
      let version: BoltVersion | undefined
      try {
        version = negotiateVersion(parseHandshake(this.#handshake), this.config.versions)
      } catch (e) {
        this.config.log(`${this.id}: ${(e as Error).message}`)
        this.socket.destroy()
        return
      }
      this.socket.write(encodeVersion(version))
      if (!version) {
        this.socket.end()
        return
      }
      this.#state = 'AUTHENTICATION'
      if (rest.length === 0) return
      data = rest
    }
    for (const message of this.#dechunker.push(data)) {
      let request: PackValue
      try {
        request = new Unpacker(message).unpack()
      } catch (e) {
        this.#fail('Neo.ClientError.Request.Invalid', `Bolt stand-in: ${(e as Error).message}`)
        continue
      }
      if (!(request instanceof Structure)) {
        this.#fail('Neo.ClientError.Request.Invalid', 'Bolt stand-in: a request must be a structure')
        continue
      }
      this.#handle(request)
      if (this.socket.destroyed) return
    }
  }

  #send(...responses: Structure[]): void {
    for (const r of responses) this.socket.write(chunkMessage(new Packer().pack(r).toBuffer()))
  }

  #fail(code: string, message: string): void {
    this.#rollback?.()
    this.#rollback = undefined
    this.#result = undefined
    this.#state = 'FAILED'
    this.config.log(`${this.id}: FAILURE ${code}: ${message}`)
    this.#send(failure(code, message))
  }

  #handle({ tag, fields }: Structure): void {
    const name = requestNames.get(tag) ?? `0x${tag.toString(16)}`
    if (tag === Request.GOODBYE) {
      this.socket.end()
      return
    }
    if (tag === Request.RESET) {
      this.#reset()
      return
    }
    if (this.#state === 'FAILED') {
      this.#send(ignored())
      return
    }
    const arg = (i: number): Map_ => (fields[i] ?? {}) as Map_
    if (!this.#greeted && tag !== Request.HELLO) {
      this.#fail('Neo.ClientError.Request.Invalid', `Bolt stand-in: expected HELLO first, got ${name}`)
      this.socket.end()
      return
    }
    switch (tag) {
      case Request.HELLO:
        this.#greeted = true
        this.#send(success({ server: this.config.agent, connection_id: this.id, hints: {} }))
        return
      case Request.LOGON:
        this.#logon(arg(0))
        return
      case Request.LOGOFF:
        this.#state = 'AUTHENTICATION'
        this.#send(success())
        return
    }
    if (this.#state === 'AUTHENTICATION') {
      this.#fail('Neo.ClientError.Security.Unauthorized', `Bolt stand-in: ${name} before LOGON`)
      return
    }
    switch (tag) {
      case Request.TELEMETRY:
        this.#send(success())
        return
      case Request.ROUTE:
        this.#route(arg(0), arg(2))
        return
      case Request.BEGIN:
        this.#begin()
        return
      case Request.RUN:
        this.#run(String(fields[0]), arg(1))
        return
      case Request.PULL:
      case Request.DISCARD:
        this.#pull(tag === Request.DISCARD ? 0 : Number(arg(0).n ?? -1), tag === Request.DISCARD)
        return
      case Request.COMMIT:
      case Request.ROLLBACK:
        this.#endTransaction(tag === Request.COMMIT)
        return
    }
    this.#fail('Neo.ClientError.Request.Invalid', `Bolt stand-in: unsupported message ${name}`)
  }

  #logon(token: Map_): void {
    if (!isAuthorised(this.config.auth, token)) {
      this.#fail(
        'Neo.ClientError.Security.Unauthorized',
        'The client is unauthorized due to authentication failure.',
      )
      this.socket.end()
      return
    }
    this.#state = 'READY'
    this.#send(success())
  }

  #route(context: Map_, extra: Map_): void {
    try {
      this.#send(success({ rt: routingTable(context, extra, this.config.advertisedAddress) }))
    } catch (e) {
      if (!(e instanceof CypherError)) throw e
      this.#fail(e.code, e.message)
    }
  }

  #reset(): void {
    this.#rollback?.()
    this.#rollback = undefined
    this.#result = undefined
    if (this.#state !== 'AUTHENTICATION') this.#state = this.#greeted ? 'READY' : 'AUTHENTICATION'
    this.#send(success())
  }

  #begin(): void {
    if (this.#state !== 'READY') {
      this.#fail('Neo.ClientError.Request.Invalid', `BEGIN in state ${this.#state}`)
      return
    }
    this.#rollback = this.config.store.snapshot()
    this.#state = 'TX_READY'
    this.#send(success())
  }

  #run(query: string, params: Map_): void {
    const inTx = this.#state === 'TX_READY'
    if (!inTx && this.#state !== 'READY') {
      this.#fail('Neo.ClientError.Request.Invalid', `RUN in state ${this.#state}`)
      return
    }
    try {
      this.#result = { ...runQuery(query, params, this.config.store), offset: 0 }
    } catch (e) {
      if (e instanceof CypherError) {
        this.#fail(e.code, e.message)
        return
      }
      throw e
    }
    this.#state = inTx ? 'TX_STREAMING' : 'STREAMING'
    this.#send(success({ fields: this.#result.fields, t_first: 0n, ...(inTx ? { qid: 0n } : {}) }))
  }

  #pull(n: number, discard: boolean): void {
    const result = this.#result
    if (!result) {
      this.#fail('Neo.ClientError.Request.Invalid', `PULL/DISCARD in state ${this.#state}`)
      return
    }
    const end = n < 0 || discard ? result.records.length : Math.min(result.records.length, result.offset + n)
    if (!discard) this.#send(...result.records.slice(result.offset, end).map((r) => record(r)))
    result.offset = end
    if (result.offset < result.records.length) {
      this.#send(success({ has_more: true }))
      return
    }
    const inTx = this.#state === 'TX_STREAMING'
    const stats = Object.fromEntries(
      Object.entries(result.stats)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => [k, BigInt(v)]),
    )
    const summary: Map_ = { type: result.type, t_last: 0n, db: 'neo4j', stats }
    if (!inTx) summary.bookmark = `standin:${++this.#bookmark}`
    this.#result = undefined
    this.#state = inTx ? 'TX_READY' : 'READY'
    this.#send(success(summary))
  }

  #endTransaction(commit: boolean): void {
    if (this.#state !== 'TX_READY') {
      this.#fail(
        'Neo.ClientError.Request.Invalid',
        `${commit ? 'COMMIT' : 'ROLLBACK'} in state ${this.#state}`,
      )
      return
    }
    if (!commit) this.#rollback?.()
    this.#rollback = undefined
    this.#state = 'READY'
    this.#send(success(commit ? { bookmark: `standin:${++this.#bookmark}` } : {}))
  }
}
