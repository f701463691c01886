/** A query the stand-in refuses, carried to the client as a Bolt FAILURE with a Neo4j status code. */
export class CypherError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CypherError'
  }
}
