import { describe, expect, it } from 'vitest'
import { settingsFromEnv, settingsFromOptions } from './config.js'

describe('settings', () => {
  it('lets EGRESS_GUARD_MODE=off win, then the mode option, then the variable', () => {
    expect(settingsFromOptions({ mode: 'record' }, '/r', { EGRESS_GUARD_MODE: 'off' }).mode).toBe('off')
    expect(settingsFromOptions({ mode: 'record' }, '/r', { EGRESS_GUARD_MODE: 'block' }).mode).toBe('record')
    expect(settingsFromOptions({}, '/r', { EGRESS_GUARD_MODE: 'record' }).mode).toBe('record')
    expect(settingsFromOptions({}, '/r', {}).mode).toBe('block')
  })

  it('adds EGRESS_GUARD_ALLOW to the allow option and resolves paths against the root', () => {
    const settings = settingsFromOptions({ allow: ['a.test:1'], baseline: 'egress-baseline.json' }, '/r', {
      EGRESS_GUARD_ALLOW: ' b.test:2, ,c.test:3 ',
      EGRESS_GUARD_UPDATE: '1',
    })
    expect(settings).toMatchObject({
      allow: ['a.test:1', 'b.test:2', 'c.test:3'],
      baseline: '/r/egress-baseline.json',
      update: true,
    })
  })

  it('reads the bare form from the environment and names a bad value', () => {
    expect(settingsFromEnv({ EGRESS_GUARD_BASELINE: 'b.json' }, '/r')).toMatchObject({
      mode: 'block',
      baseline: '/r/b.json',
    })
    expect(() => settingsFromEnv({ EGRESS_GUARD_MODE: 'blok' })).toThrow(
      'EGRESS_GUARD_MODE must be "block", "record" or "off", got "blok"',
    )
    expect(() => settingsFromOptions({ allow: 'a.test' as unknown as string[] }, '/r', {})).toThrow(
      'allow must be an array',
    )
  })
})
