/** The settings of this process, resolved once (a malformed config file throws here, naming it). */
import { type GateSettings, loadBaseline, resolveSettings, useSettings } from '@egress-guard/gate'

let settings: GateSettings | undefined

export function processSettings(): GateSettings {
  if (!settings) {
    settings = resolveSettings()
    useSettings(settings)
    loadBaseline(settings)
  }
  return settings
}
