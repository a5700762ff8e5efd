/**
 * Object shorthand for variables of earlier cells, `{ seed }`, in tslab 1.0.22.
 *
 * tslab keeps the variables of earlier cells on an `exports` object and rewrites each identifier
 * that refers to one into `exports.<name>` (converter.js, wrapPrevIdentifier). For a shorthand
 * property the type checker's symbol at the name is the new property, not the variable, so the
 * name is left alone and the cell fails at run time with `ReferenceError: seed is not defined`
 * (type checking passes). The fix rewrites `{ seed }` into `{ seed: exports.seed }` when the
 * shorthand's value symbol (checker.getShorthandAssignmentValueSymbol) is declared in an earlier
 * cell. It is applied to the converter's source as the kernel loads it (kernel-preload.ts), so
 * the installed package is untouched; tslab is pinned to 1.0.22 and a changed converter is
 * detected (the anchor below is missing) and left alone with a warning.
 */

/** The text the fix goes in front of: the start of wrapPrevIdentifier's body in tslab 1.0.22. */
const ANCHOR = `        function wrapPrevIdentifier(node) {
            var _a, _b;
            if (!ts.isIdentifier(node)) {`;

const FIX = `        function wrapPrevIdentifier(node) {
            var _a, _b;
            if (ts.isShorthandPropertyAssignment(node) && !node.objectAssignmentInitializer) {
                // consensus-lab (lib/notebook/shorthand.ts): { x } with x from an earlier cell -> { x: exports.x }
                const valueSymbol = checker.getShorthandAssignmentValueSymbol(node);
                const fromEarlierCell = ((valueSymbol === null || valueSymbol === void 0 ? void 0 : valueSymbol.declarations) || []).some((d) => d.getSourceFile() === declsFile);
                if (fromEarlierCell) {
                    const name = node.name.text;
                    return ts.factory.createPropertyAssignment(ts.factory.createIdentifier(name), ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("exports"), ts.factory.createIdentifier(name)));
                }
            }
            if (!ts.isIdentifier(node)) {`;

/** The converter's source with the fix, or undefined when it is not tslab 1.0.22's converter. */
export function patchConverterSource(source: string): string | undefined {
  if (source.split(ANCHOR).length !== 2) return undefined;
  return source.replace(ANCHOR, FIX);
}
