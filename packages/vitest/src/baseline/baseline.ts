/**
 * The baseline file is egress-guard's: one parser, writer and updater for the CLI and this plugin
 * (ADR 0017). The worker reads it through this module.
 */
export { type Baseline, readBaseline } from 'egress-guard'
