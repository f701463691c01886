// Lists the names a package's `src/index.ts` exports as runtime values (classes, functions,
// constants), leaving out type-only exports. Uses the TypeScript checker, so `export *`,
// re-exports and renames are followed exactly as tsc sees them.
import { join } from 'node:path'
import ts from 'typescript'

/** @returns {string[]} sorted value export names of `<packageDir>/src/index.ts` */
export function valueExportsOf(packageDir) {
  const entry = join(packageDir, 'src', 'index.ts')
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  })
  const source = program.getSourceFile(entry)
  if (!source) throw new Error(`cannot read ${entry}`)
  const checker = program.getTypeChecker()
  const moduleSymbol = checker.getSymbolAtLocation(source)
  if (!moduleSymbol) return [] // a file without any import/export is not a module: nothing exported
  const names = []
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    if (isTypeOnly(checker, symbol)) continue
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
    if (target.flags & ts.SymbolFlags.Value) names.push(symbol.name)
  }
  return names.sort()
}

/** `export type { X }` and `export { type X }` re-export a value's name for types only. */
function isTypeOnly(checker, symbol) {
  return (
    (symbol.declarations ?? []).some((d) => ts.isTypeOnlyImportOrExportDeclaration?.(d)) ||
    checker.getTypeOnlyAliasDeclaration?.(symbol) !== undefined
  )
}
