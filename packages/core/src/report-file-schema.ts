/**
 * Where the JSON Schemas of egress-guard's files live: `schema/*.schema.json` in the published
 * package, at these addresses, which the report writer puts in `$schema` so editors check the file.
 */
export const REPORT_SCHEMA_URL = 'https://unpkg.com/egress-guard@0/schema/report.schema.json'
export const BASELINE_SCHEMA_URL = 'https://unpkg.com/egress-guard@0/schema/baseline.schema.json'
