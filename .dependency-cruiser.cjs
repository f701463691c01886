/**
 * The architecture rules of the source tree (docs/architecture.md): imports only go down,
 * policy ← guard ← the patches' port, and runners and the CLI use egress-guard's public entry.
 * Run with `npm run check:architecture` (scripts/check-architecture.mjs prints a summary).
 *
 * Paths are relative to the repository root. Tests (`*.test.ts`) are left out: they may import
 * a test runner and the internals they test.
 */

const core = '^packages/core/src/'

/**
 * What a patch point may import from the rest of the core: the port it is handed, the one way to
 * patch and restore, call-site capture, process-wide state, and the types of decisions. Edit this
 * list (and only this list) when the port grows a module; everything else in the core is off limits
 * to `patches/`.
 */
const PATCHES_MAY_IMPORT = [
  'guard/port.ts',
  'guard/patch-property.ts',
  'guard/patch-stack.ts',
  'guard/call-site.ts',
  'guard/process-wide.ts',
  'policy/types.ts',
  // The error classes: a leaf module every layer shares (a patch that cannot install fails closed).
  'errors.ts',
]

/**
 * Node built-ins that `policy/` may use because the functions it takes from them are pure
 * computations on strings: `net.isIP`, `url.domainToASCII` (IDN → punycode), `path.posix.normalize`.
 * Any other built-in (fs, dns, child_process, …) is I/O and forbidden there.
 */
const PURE_BUILTINS = ['net', 'url', 'path']

/** The public entry points of egress-guard, as they resolve (a built `dist/`, or the source entry). */
const PUBLIC_ENTRIES = [
  '^packages/core/dist/index\\.(js|d\\.ts)$',
  '^packages/core/dist/register\\.(js|d\\.ts)$',
  '^packages/core/src/index\\.ts$',
  '^packages/core/src/register\\.ts$',
]

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle means two modules are one concept, or one of them points the wrong way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'policy-is-pure',
      comment:
        'policy/ is pure (no I/O): it imports only itself, errors.ts, and the pure built-ins listed in ' +
        'PURE_BUILTINS of .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: `${core}policy/` },
      to: {
        pathNot: [
          `${core}policy/`,
          `${core}errors\\.ts$`,
          ...PURE_BUILTINS.map((name) => `^(node:)?${name}$`),
        ],
      },
    },
    {
      name: 'patches-use-the-port',
      comment:
        'A patch point is a mechanism: it talks to the guard through its port and knows nothing else of ' +
        'the core (allowed: PATCHES_MAY_IMPORT in .dependency-cruiser.cjs, and patches/ itself).',
      severity: 'error',
      from: { path: `${core}patches/` },
      to: {
        path: core,
        pathNot: [`${core}patches/`, ...PATCHES_MAY_IMPORT.map((file) => `${core}${escapeRegExp(file)}$`)],
      },
    },
    {
      name: 'core-knows-no-test-runner',
      comment: 'egress-guard is runner-independent: only @egress-guard/<runner> packages import a runner.',
      severity: 'error',
      from: { path: core },
      to: { path: '(^|/)node_modules/(vitest|@vitest/[^/]+|jest|@jest/[^/]+|mocha)/' },
    },
    {
      name: 'core-knows-no-test-runner-unresolved',
      comment: 'The same, for a runner that is not installed where the import is.',
      severity: 'error',
      from: { path: core },
      to: { couldNotResolve: true, path: '^(vitest|@vitest/|jest|@jest/|mocha)' },
    },
    {
      name: 'integrations-use-the-public-entry',
      comment:
        'packages/vitest and packages/testcontainers import egress-guard by its package name ' +
        '(`egress-guard`, `egress-guard/register`), never its source or a deep path.',
      severity: 'error',
      from: { path: '^packages/(vitest|testcontainers)/src/' },
      to: { path: '^packages/core/', pathNot: PUBLIC_ENTRIES },
    },
    {
      name: 'no-deep-package-imports',
      comment:
        'A deep path into egress-guard (`egress-guard/dist/…`, `egress-guard/src/…`) is not an entry point; ' +
        'this catches it even where the package is not built, so the path does not resolve.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^egress-guard/(?!register$|package\\.json$)' },
    },
    {
      name: 'cli-uses-the-public-entry',
      comment:
        "The CLI imports egress-guard by its package name (`import … from 'egress-guard'`), like any " +
        'other user of the library.',
      severity: 'error',
      from: { path: `${core}cli/` },
      to: {
        path: '^packages/core/',
        pathNot: [`${core}cli/`, ...PUBLIC_ENTRIES.filter((entry) => entry.includes('/dist/'))],
      },
    },
  ],
  options: {
    exclude: { path: ['\\.test\\.ts$'] },
    doNotFollow: { path: ['node_modules', '^packages/[^/]+/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
