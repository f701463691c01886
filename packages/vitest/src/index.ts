/** Version of the Vitest integration; the plugin, setup file and reporter arrive with issue #4. */
export const packageName = '@egress-guard/vitest'
