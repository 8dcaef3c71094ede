/**
 * Python analyser on `@lezer/python` (an error-tolerant LR parser): reproduces upstream's
 * `ast`-based figures (spec §3.8) from lezer's concrete syntax tree.
 *
 * Mapping from lezer's tree to Python's AST, where they differ:
 * - `if … elif … else` is ONE `IfStatement` in lezer and a chain of nested `If` nodes in Python:
 *   each `if`/`elif` keyword is one `If`.
 * - `a or b or c` is one `BoolOp` with 3 values in Python and two nested `BinaryExpression`s in
 *   lezer. Every `and`/`or` keyword is exactly one "extra value" of exactly one BoolOp, so the sum
 *   of `len(values) - 1` over all BoolOps equals the number of `and`/`or` keywords.
 * - `async for` / `async with` are `ForStatement`/`WithStatement` with an `async` keyword child;
 *   upstream counts neither (`ast.AsyncFor`/`ast.AsyncWith` are not in its list).
 * - Decorators sit outside lezer's `FunctionDefinition` (in `DecoratedStatement`) but inside the
 *   Python `FunctionDef`, so their BoolOps count.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import { TrackerError } from "../errors.js";
import { cleandoc, decodePythonStringToken } from "./python-strings.js";
import { pythonDocSections } from "./scoring.js";
import type { FunctionAnalysis, ParsedModule } from "./types.js";

type FunctionEntry = { name: string; node: SyntaxNode; depth: number };

/** Parses Python source; throws TrackerError("invalid_input") on a syntax error. */
export function parsePython(original: string, displayPath: string): ParsedModule {
  const { tree, source } = parseWithRepairs(original);
  assertNoSyntaxError(tree, source, displayPath);
  const functions: FunctionEntry[] = [];
  // Statements of the module body are at AST depth 1 (Module is 0).
  visitStatements(tree.topNode, 1, source, functions);
  return {
    analyze(name) {
      // ast.walk is breadth-first: the shallowest definition wins, ties go to the earlier one.
      let best: FunctionEntry | undefined;
      for (const f of functions) {
        if (f.name === name && (best === undefined || f.depth < best.depth)) best = f;
      }
      return best && analyzeFunction(best.node, source);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Repairs for valid Python that lezer's grammar rejects
// ---------------------------------------------------------------------------------------------

/**
 * lezer only accepts `with expr as name, …`. CPython also accepts `as (a, b)`, `as obj.attr` and
 * parenthesised item lists (`with (open(a) as f, open(b) as g):`), and lezer's error recovery
 * for them can even push the body out of the function. When a `with` header has an error, each of
 * its `as` keywords becomes `, ` (same length, so every offset stays valid): the header is then a
 * plain expression list with the same operators, hence the same metrics.
 */
function patchWithHeaders(tree: Tree, source: string): string {
  const patches: number[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== "WithStatement") return true;
      const asKeywords: number[] = [];
      let broken = false;
      forEachDescendant(
        ref.node,
        (node) => {
          if (node.type.isError) broken = true;
          else if (node.name === "as") asKeywords.push(node.from);
        },
        (node) => node.name !== "Body",
      );
      if (broken) patches.push(...asKeywords);
      return true;
    },
  });
  if (patches.length === 0) return source;
  let out = "";
  let last = 0;
  for (const at of patches.sort((a, b) => a - b)) {
    out += `${source.slice(last, at)}, `;
    last = at + 2;
  }
  return out + source.slice(last);
}

function parseWithRepairs(original: string): { tree: Tree; source: string } {
  let source = original;
  let tree = parser.parse(source);
  // Each round can only remove `as` keywords, so this ends; 3 rounds cover nested recoveries.
  for (let round = 0; round < 3; round++) {
    const patched = patchWithHeaders(tree, source);
    if (patched === source) break;
    source = patched;
    tree = parser.parse(source);
  }
  return { tree, source };
}

// ---------------------------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------------------------

function lineCol(source: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

function syntaxError(what: string, source: string, offset: number, displayPath: string): TrackerError {
  return new TrackerError(
    "invalid_input",
    `Syntax error in file: ${what} at ${displayPath}:${lineCol(source, offset)}. Fix the file or pass a file that parses.`,
  );
}

function describeUnexpected(source: string, from: number, to: number): string {
  let text = source.slice(from, to);
  if (text.trim() === "") {
    let end = from;
    while (end < source.length && end - from < 20 && !" \t\n".includes(source[end] as string)) end++;
    text = source.slice(from, end);
  }
  if (text.trim() === "")
    return from >= source.trimEnd().length ? "unexpected end of file" : "unexpected line break";
  const firstLine = text.split("\n")[0] ?? "";
  return `unexpected ${JSON.stringify(firstLine.slice(0, 20))}`;
}

/**
 * lezer's grammar lags behind CPython in a few places; error nodes there are tolerated (the recovered
 * tree still has the right statements and operators) instead of reported as syntax errors:
 * decorators (any expression since 3.9), `case` patterns (`case Cls():`), `a[*b]` (3.11), a bare
 * `yield`, and float literals with a trailing dot (`24.`). Found by diffing against CPython 3.11's
 * `ast` over its standard library (45,000 functions, identical figures). A genuine mistake inside
 * those constructs goes unreported; the rest of the file is checked. Still rejected although valid:
 * several starred subscripts (`tuple[*A, *B]`), `/` in lambda parameters, `lambda a,: 0`,
 * `match x,:` and `f"{x:=10}"`.
 */
function isKnownGrammarGap(err: SyntaxNode, source: string): boolean {
  const parent = err.parent;
  const previous = err.prevSibling;
  if (parent?.name === "DecoratedStatement") return true;
  if (parent?.name === "MemberExpression" && source.slice(err.from, err.to) === "*") return true;
  if (err.from === err.to && previous?.name === "yield") return true;
  if (err.from === err.to && parent?.name === "MemberExpression" && previous?.name === ".") {
    const number = previous.prevSibling;
    if (number?.name === "Number" && number.to === previous.from) return true;
  }
  for (let n: SyntaxNode | null = parent; n; n = n.parent) {
    if (n.name === "Body") return false;
    if (n.name === "Decorator" || n.name === "MatchClause") return true;
  }
  return false;
}

function assertNoSyntaxError(tree: Tree, source: string, displayPath: string): void {
  let error: TrackerError | undefined;
  tree.iterate({
    enter(ref) {
      if (error) return false;
      if (ref.type.isError) {
        if (!isKnownGrammarGap(ref.node, source)) {
          error = syntaxError(describeUnexpected(source, ref.from, ref.to), source, ref.from, displayPath);
        }
        return false;
      }
      // Python 2 forms lezer accepts but Python 3 rejects.
      // `print >> f, x` is lezer's PrintStatement too, but a valid Python 3 expression.
      if (
        ref.name === "PrintStatement" &&
        !source
          .slice(ref.from + 5, ref.to)
          .trimStart()
          .startsWith(">>")
      ) {
        error = syntaxError("Missing parentheses in call to 'print'", source, ref.from, displayPath);
      } else if (ref.name === "," && ref.node.parent?.name === "TryStatement") {
        error = syntaxError("multiple exception types must be parenthesized", source, ref.from, displayPath);
      } else if (ref.name === "CompareOp" && source.slice(ref.from, ref.to) === "<>") {
        error = syntaxError('unexpected "<>"', source, ref.from, displayPath);
      }
      return error === undefined;
    },
  });
  if (error) throw error;
}

// ---------------------------------------------------------------------------------------------
// Finding functions with their Python AST depth (for ast.walk's breadth-first order)
// ---------------------------------------------------------------------------------------------

/**
 * Calls `fn` on `root` and every node below it, in document order; `descend` can prune a subtree
 * (it is not called for `root`).
 */
function forEachDescendant(
  root: SyntaxNode,
  fn: (node: SyntaxNode) => void,
  descend: (node: SyntaxNode) => boolean = () => true,
): void {
  const stack: SyntaxNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    fn(node);
    for (let c = node.lastChild; c; c = c.prevSibling) if (descend(c)) stack.push(c);
  }
}

/** Child nodes, without comments (lezer keeps `# …` comments in the tree; Python's AST does not). */
function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== "Comment") out.push(c);
  return out;
}

/** Visits the statements that are direct children of `container` (Script, Body) at AST `depth`. */
function visitStatements(container: SyntaxNode, depth: number, source: string, out: FunctionEntry[]): void {
  for (const stmt of children(container)) visitStatement(stmt, depth, source, out);
}

function visitStatement(stmt: SyntaxNode, depth: number, source: string, out: FunctionEntry[]): void {
  switch (stmt.name) {
    case "DecoratedStatement":
      for (const c of children(stmt)) visitStatement(c, depth, source, out);
      return;
    case "FunctionDefinition": {
      const nameNode = stmt.getChild("VariableName");
      if (nameNode) out.push({ name: source.slice(nameNode.from, nameNode.to), node: stmt, depth });
      const body = stmt.getChild("Body");
      if (body) visitStatements(body, depth + 1, source, out);
      return;
    }
    case "ClassDefinition":
    case "WhileStatement":
    case "ForStatement":
    case "WithStatement":
      // Body and else-body are both direct fields of the node.
      for (const body of stmt.getChildren("Body")) visitStatements(body, depth + 1, source, out);
      return;
    case "IfStatement": {
      // `elif` nests a new If in the previous one's orelse; the final else belongs to the innermost.
      let level = 0;
      for (const c of children(stmt)) {
        if (c.name === "elif") level++;
        else if (c.name === "Body") visitStatements(c, depth + level + 1, source, out);
      }
      return;
    }
    case "TryStatement": {
      // Handler bodies sit under an ExceptHandler node: one level deeper than try/else/finally bodies.
      let inHandler = false;
      for (const c of children(stmt)) {
        if (c.name === "except") inHandler = true;
        else if (c.name === "else" || c.name === "finally") inHandler = false;
        else if (c.name === "Body") visitStatements(c, depth + (inHandler ? 2 : 1), source, out);
      }
      return;
    }
    case "MatchStatement": {
      const matchBody = stmt.getChild("MatchBody");
      for (const clause of matchBody ? matchBody.getChildren("MatchClause") : []) {
        const body = clause.getChild("Body");
        if (body) visitStatements(body, depth + 2, source, out);
      }
      return;
    }
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics of one function
// ---------------------------------------------------------------------------------------------

function analyzeFunction(fn: SyntaxNode, source: string): FunctionAnalysis {
  const docText = docstringOf(fn, source);
  return {
    complexity: complexityOf(fn),
    docText,
    sections: pythonDocSections(docText ?? ""),
    hasTypeHints: hasTypeHints(fn, source),
  };
}

function complexityOf(fn: SyntaxNode): number {
  let complexity = 1;
  const count = (root: SyntaxNode): void => {
    forEachDescendant(root, (node) => {
      const parent = node.parent?.name;
      switch (node.name) {
        case "if":
        case "elif":
          if (parent === "IfStatement") complexity++;
          break;
        case "except":
          if (parent === "TryStatement") complexity++;
          break;
        case "and":
        case "or":
          if (parent === "BinaryExpression") complexity++;
          break;
        case "WhileStatement":
        case "AssertStatement":
          complexity++;
          break;
        case "ForStatement":
        case "WithStatement":
          if (!node.getChild("async")) complexity++;
          break;
      }
    });
  };
  count(fn);
  if (fn.parent?.name === "DecoratedStatement") {
    for (const d of fn.parent.getChildren("Decorator")) count(d);
  }
  return complexity;
}

/** `ast.get_docstring(fn)`: the first body statement is an expression that is a str constant. */
function docstringOf(fn: SyntaxNode, source: string): string | null {
  const body = fn.getChild("Body");
  let first: SyntaxNode | null | undefined = body && children(body)[1]; // [0] is ":"
  if (first?.name === "StatementGroup") first = children(first)[0];
  if (first?.name !== "ExpressionStatement") return null;
  const exprs = children(first);
  if (exprs.length !== 1) return null; // `"a", "b"` is a tuple
  let expr = exprs[0] as SyntaxNode;
  while (expr.name === "ParenthesizedExpression") {
    const inner = children(expr).filter((c) => c.name !== "(" && c.name !== ")");
    if (inner.length !== 1) return null;
    expr = inner[0] as SyntaxNode;
  }
  const parts = expr.name === "ContinuedString" ? children(expr) : [expr];
  let value = "";
  for (const part of parts) {
    if (part.name !== "String") return null; // f-strings make a JoinedStr, not a constant
    const decoded = decodePythonStringToken(source.slice(part.from, part.to));
    if (decoded === null) return null; // bytes
    value += decoded;
  }
  return cleandoc(value);
}

/**
 * Upstream: `func.returns or any(arg.annotation for arg in func.args.args)`. `args.args` holds the
 * positional-or-keyword parameters only: not positional-only ones (before `/`), not `*args`,
 * keyword-only ones or `**kwargs`.
 */
function hasTypeHints(fn: SyntaxNode, source: string): boolean {
  if (fn.getChild("TypeDef")) return true; // `-> T` is a direct TypeDef child; param hints are in ParamList
  const params = fn.getChild("ParamList");
  if (!params) return false;
  let annotated = false;
  let previousEnd = params.from;
  for (const c of children(params)) {
    // `/` is an anonymous token in lezer's grammar (no node), so find it in the gap between nodes.
    if (source.slice(previousEnd, c.from).includes("/")) annotated = false;
    previousEnd = c.to;
    if (c.name === "*" || c.name === "**") break;
    if (c.name === "TypeDef") annotated = true;
  }
  return annotated;
}
