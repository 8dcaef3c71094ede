/**
 * TypeScript/JavaScript analyser on the TypeScript compiler API, with rules analogous to upstream's
 * Python ones (spec §3.8):
 *
 * - **Functions**: function declarations and named function expressions, methods, getters/setters,
 *   constructors (name `constructor`), and arrow functions / function expressions assigned to a
 *   variable, object property, class field or `x.name = …` (that name; through parentheses, `as`,
 *   `satisfies` and `!`). Bodiless declarations (overload signatures, `declare`, abstract members)
 *   are skipped; a function passed as an argument (`memo(() => …)`) has no name. The first match in
 *   breadth-first order over the AST wins, like Python's `ast.walk`.
 * - **Complexity**: 1, +1 per `if` (so each `else if`, like `elif`), `while`, `do…while`, `for`,
 *   `for…in`, `for…of` (also `for await`), `catch` clause and `with`, and +1 per `&&`, `||`, `??`
 *   operator (like a BoolOp's `len(values) - 1`), anywhere in the function including nested ones,
 *   decorators and parameter defaults. Mirroring Python's choices, conditional expressions (`?:`,
 *   Python's IfExp), `switch` cases (Python's `match`), `try` and the logical assignments `&&=`,
 *   `||=`, `??=` are not counted.
 * - **Documentation**: the JSDoc block directly attached (the last `/** … *\/` before the function or
 *   its variable statement/property). Its cleaned text (without `/**`, `*\/` and line-leading `*`)
 *   plays the docstring: 30 if non-empty, +10 if longer than 50 characters, +20 `@param`
 *   (`@arg`, `@argument`), +20 `@returns`/`@return`, +10 `@example`, +5 `@throws`/`@exception`,
 *   +5 type hints, capped at 100.
 * - **Type hints**: a type annotation on any parameter, or a return type. In JavaScript files, where
 *   annotations cannot be written, the JSDoc types the checker reads count instead: a `{type}` on a
 *   `@param` or `@returns`, or a `@type` tag, in the attached block.
 */
import ts from "typescript";
import { TrackerError } from "../errors.js";
import type { DocSections, FunctionAnalysis, ParsedModule } from "./types.js";

/** TypeScript/JavaScript extensions, lower case. */
export const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;

const SCRIPT_KINDS: Record<(typeof TS_EXTENSIONS)[number], ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

function scriptKindOf(ext: string): ts.ScriptKind {
  const match = TS_EXTENSIONS.find((e) => e === ext);
  return match ? SCRIPT_KINDS[match] : ts.ScriptKind.TS;
}

type FunctionNode = ts.SignatureDeclaration & { body?: ts.Node | undefined };

/** Parses TS/JS source; throws TrackerError("invalid_input") on a syntax error. */
export function parseTypeScript(source: string, ext: string, displayPath: string): ParsedModule {
  const fileName = `/input${ext}`;
  const kind = scriptKindOf(ext);
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  assertNoSyntaxError(sourceFile, displayPath);
  const isJs = kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
  return {
    analyze(name) {
      const fn = findFunction(sourceFile, name);
      return fn && analyzeFunction(fn, sourceFile, isJs);
    },
  };
}

/**
 * Syntax errors are the program's syntactic diagnostics for the file: the parser's own plus, for
 * JavaScript files, TypeScript-only syntax (`x: number` in a `.js` file). A one-file program with
 * no lib and no resolution keeps this to the parse we already did.
 */
function assertNoSyntaxError(sourceFile: ts.SourceFile, displayPath: string): void {
  const host: ts.CompilerHost = {
    getSourceFile: (f) => (f === sourceFile.fileName ? sourceFile : undefined),
    writeFile: () => {},
    getDefaultLibFileName: () => "/lib.d.ts",
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => "/",
    getNewLine: () => "\n",
    fileExists: (f) => f === sourceFile.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [sourceFile.fileName],
    options: { noLib: true, noResolve: true, types: [], allowJs: true, jsx: ts.JsxEmit.Preserve },
    host,
  });
  const first = program.getSyntacticDiagnostics(sourceFile)[0];
  if (!first) return;
  const start = first.start ?? 0;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  let what = ts.flattenDiagnosticMessageText(first.messageText, " ");
  if (what.endsWith(".")) what = what.slice(0, -1);
  throw new TrackerError(
    "invalid_input",
    `Syntax error in file: ${what} at ${displayPath}:${line + 1}:${character + 1}. Fix the file or pass a file that parses.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The node whose parent tells what a function expression is assigned to (skips wrappers). */
function assignmentSite(node: ts.Node): ts.Node {
  let n = node;
  while (
    ts.isParenthesizedExpression(n.parent) ||
    ts.isAsExpression(n.parent) ||
    ts.isSatisfiesExpression(n.parent) ||
    ts.isTypeAssertionExpression(n.parent) ||
    ts.isNonNullExpression(n.parent)
  ) {
    n = n.parent;
  }
  return n;
}

function assignedName(node: ts.Node): string | undefined {
  const site = assignmentSite(node);
  const parent = site.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === site) return propertyNameText(parent.name);
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === site) {
    return propertyNameText(parent.name);
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === site
  ) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) {
      return left.argumentExpression.text;
    }
  }
  return undefined;
}

/** The names a function node answers to; empty for nodes that are not analysable functions. */
function functionNames(node: ts.Node): string[] {
  if (ts.isFunctionDeclaration(node)) return node.body && node.name ? [node.name.text] : [];
  if (
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    const name = propertyNameText(node.name);
    return node.body && name !== undefined ? [name] : [];
  }
  if (ts.isConstructorDeclaration(node)) return node.body ? ["constructor"] : [];
  if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
    const names: string[] = [];
    if (ts.isFunctionExpression(node) && node.name) names.push(node.name.text);
    const assigned = assignedName(node);
    if (assigned !== undefined) names.push(assigned);
    return names;
  }
  return [];
}

function findFunction(sourceFile: ts.SourceFile, name: string): FunctionNode | undefined {
  const queue: ts.Node[] = [sourceFile];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as ts.Node;
    if (ts.isFunctionLike(node) && functionNames(node).includes(name)) return node;
    ts.forEachChild(node, (child) => {
      queue.push(child);
    });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------------------------

const BRANCH_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.WithStatement,
]);

const LOGICAL_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
]);

function complexityOf(fn: ts.Node): number {
  let complexity = 1;
  const visit = (node: ts.Node): void => {
    if (BRANCH_KINDS.has(node.kind)) complexity++;
    else if (ts.isBinaryExpression(node) && LOGICAL_OPERATORS.has(node.operatorToken.kind)) complexity++;
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return complexity;
}

/** The last JSDoc block attached to the function (or to the declaration it is assigned in). */
function attachedJsDoc(fn: FunctionNode): ts.JSDoc | undefined {
  const blocks = ts.getJSDocCommentsAndTags(fn).filter(ts.isJSDoc);
  return blocks[blocks.length - 1];
}

/** The comment text without `/**`, `*\/`, line-leading `*` and surrounding blank lines. */
export function cleanJsDocText(raw: string): string {
  let body = raw;
  if (body.startsWith("/**")) body = body.slice(3);
  if (body.endsWith("*/")) body = body.slice(0, -2);
  const lines = body.split("\n").map((line) => {
    let l = line.trimStart();
    if (l.startsWith("*")) {
      l = l.slice(1);
      if (l.startsWith(" ")) l = l.slice(1);
    }
    return l.trimEnd();
  });
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  while (lines.length > 0 && lines[0] === "") lines.shift();
  return lines.join("\n");
}

function sectionsOf(doc: ts.JSDoc | undefined): DocSections {
  const sections: DocSections = { args: false, returns: false, examples: false, raises: false };
  for (const tag of doc?.tags ?? []) {
    if (ts.isJSDocParameterTag(tag)) sections.args = true;
    else if (ts.isJSDocReturnTag(tag)) sections.returns = true;
    else if (ts.isJSDocThrowsTag(tag)) sections.raises = true;
    else if (tag.tagName.text === "example") sections.examples = true;
    else if (tag.tagName.text === "exception") sections.raises = true;
  }
  return sections;
}

function hasTypeHints(fn: FunctionNode, doc: ts.JSDoc | undefined, isJs: boolean): boolean {
  if (fn.type || fn.parameters.some((p) => p.type)) return true;
  if (!isJs) return false;
  return (doc?.tags ?? []).some(
    (tag) =>
      ((ts.isJSDocParameterTag(tag) || ts.isJSDocReturnTag(tag)) && tag.typeExpression !== undefined) ||
      ts.isJSDocTypeTag(tag),
  );
}

function analyzeFunction(fn: FunctionNode, sourceFile: ts.SourceFile, isJs: boolean): FunctionAnalysis {
  const doc = attachedJsDoc(fn);
  return {
    complexity: complexityOf(fn),
    docText: doc ? cleanJsDocText(sourceFile.text.slice(doc.pos, doc.end)) : null,
    sections: sectionsOf(doc),
    hasTypeHints: hasTypeHints(fn, doc, isJs),
  };
}
