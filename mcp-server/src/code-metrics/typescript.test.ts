import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modifiedFunctions } from "../../test/helpers/code-metrics.js";
import { analyzeCodeFile } from "./index.js";
import { cleanJsDocText } from "./typescript.js";

// The TS/JS samples live here as text, not as files in the folder, so that the package's tsc and
// biome runs do not compile or lint code that is deliberately odd (`with`, untyped parameters).

const SAMPLE_TS = `/**
 * Parses key=value lines into a map, skipping comments and blank lines.
 *
 * @param text - The raw configuration text.
 * @param strict - Throw on unknown keys.
 * @returns The parsed settings.
 * @throws {Error} When a line is malformed.
 * @example parseConfig("a=1")
 */
export function parseConfig(text: string, strict = false): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) throw new Error(line);
    const key = line.slice(0, eq);
    if (strict && key !== "a" && key !== "b") throw new Error(key);
    out.set(key, line.slice(eq + 1) ?? "");
  }
  return out;
}

export function notCounted(x: number) {
  const label = x > 0 ? "pos" : "neg";
  switch (label) {
    case "pos":
      return 1;
    default:
      try {
        return 2;
      } finally {
        x ||= 3;
      }
  }
}

/** Short. */
export const arrow = (a, b) => {
  let i = 0;
  do {
    i++;
  } while (i < 3 && a);
  for (const k in b) {
    if (k) continue;
    else if (a ?? b) break;
  }
  try {
    return i;
  } catch {
    return 0;
  }
};

export class Service {
  /** The constructor. */
  constructor(private readonly name: string) {
    if (!name) throw new Error("name");
  }

  /**
   * A method whose JSDoc text is long enough to pass the fifty character threshold.
   * @return nothing useful
   */
  async run() {
    for await (const chunk of [this.name]) {
      if (chunk) return chunk;
    }
    return undefined;
  }

  get label() {
    return this.name || "none";
  }

  handler = function (this: Service) {
    return this.name;
  };

  /** Field arrow. */
  callback = () => {
    const inner = () => (this.name && this.name.length) || 0;
    return inner();
  };
}

export const api = {
  ping: () => "pong",
  /** Method shorthand in an object literal. */
  echo(value: unknown) {
    return value;
  },
};

/**
 */
export function emptyDoc() {}

export function overloaded(a: string): string;
export function overloaded(a: number): number;
export function overloaded(a: unknown) {
  return a;
}

export function outer() {
  function nested() {
    return 1;
  }
  return nested;
}
`;

const SAMPLE_JS = `/**
 * Adds two numbers.
 * @param {number} a first
 * @param {number} b second
 * @returns {number} the sum
 */
function add(a, b) {
  return a + b;
}

/** Untyped doc: @param without a type. @param a x */
module.exports.untyped = function (a) {
  while (a) a--;
  return a;
};

/** @type {(x: string) => string} */
const typedByTag = (x) => x;

exports.plain = (x) => {
  with (x) {
    return x || null;
  }
};

const obj = {};
obj["bracket"] = function named() {
  return 1;
};

module.exports = { add, typedByTag, obj };
`;

const SAMPLE_TSX = `/** Renders a list. */
export function List({ items }: { items: string[] }) {
  return <ul>{items.length > 0 && items.map((i) => <li key={i}>{i}</li>)}</ul>;
}
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "code-metrics-ts-"));
  await writeFile(path.join(dir, "sample.ts"), SAMPLE_TS);
  await writeFile(path.join(dir, "sample.cjs"), SAMPLE_JS);
  await writeFile(path.join(dir, "sample.tsx"), SAMPLE_TSX);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Row = [name: string, complexity: number, score: number, hasDocstring: boolean, hasTypeHints: boolean];

async function rows(file: string, names: string[]): Promise<Row[]> {
  const result = await analyzeCodeFile(file, modifiedFunctions(names), { baseDir: dir });
  return result.map((m) => [
    m.function_name,
    m.context.final_complexity,
    m.documentation.quality_score,
    m.documentation.has_docstring,
    m.documentation.has_type_hints,
  ]);
}

// Hand-counted from the samples above; the comments give the count.
describe("TypeScript analyser", () => {
  it("counts branches, logical operators and JSDoc like upstream does for Python", async () => {
    const expected: Row[] = [
      ["parseConfig", 9, 100, true, true], // for-of, if, ||, if, if, && &&, ?? ; every JSDoc section
      ["notCounted", 1, 5, false, true], // ?:, switch, try/finally and ||= are not counted
      ["arrow", 8, 30, true, false], // do-while, &&, for-in, if, else-if, ??, catch
      ["constructor", 2, 35, true, true],
      ["run", 3, 60, true, false], // for await…of, if; long text + @return
      ["label", 2, 0, false, false], // getter with ||
      ["handler", 1, 5, false, true], // function expression in a class field; `this: Service` is a hint
      ["callback", 3, 30, true, false], // the nested arrow's && and || count
      ["inner", 3, 0, false, false], // the nested arrow itself, no JSDoc of its own
      ["ping", 1, 0, false, false],
      ["echo", 1, 35, true, true],
      ["emptyDoc", 1, 0, true, false], // an empty JSDoc block is a docstring worth nothing
      ["overloaded", 1, 5, false, true], // overload signatures have no body: the implementation wins
      ["nested", 1, 0, false, false],
    ];
    const names = expected.map((r) => r[0]);
    expect(await rows("sample.ts", [...names.slice(0, 3), "missing", ...names.slice(3)])).toEqual(expected);
  });

  it("handles TSX", async () => {
    expect(await rows("sample.tsx", ["List"])).toEqual([["List", 2, 35, true, true]]);
  });

  it("reads JSDoc types as type hints in JavaScript files", async () => {
    expect(await rows("sample.cjs", ["add", "untyped", "typedByTag", "plain", "bracket", "named"])).toEqual([
      ["add", 1, 85, true, true], // > 50 chars, @param, @returns, typed
      ["untyped", 2, 50, true, false], // `module.exports.untyped = function`; @param without {type}
      ["typedByTag", 1, 35, true, true], // @type tag
      ["plain", 3, 0, false, false], // `exports.plain = (x) =>`: with, ||
      ["bracket", 1, 0, false, false], // obj["bracket"] = function named()
      ["named", 1, 0, false, false], // …also found by its own name
    ]);
  });

  it("cleans JSDoc text", () => {
    expect(cleanJsDocText("/**\n   * First line.\n   *   indented\n   * @param x  \n   */")).toBe(
      "First line.\n  indented\n@param x",
    );
    expect(cleanJsDocText("/** */")).toBe("");
  });
});
