import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TrackerError } from "../errors.js";
import { analyzeCodeFile, type FunctionModification, summarizeFunctionMetrics } from "./index.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

// The exact functions_modified of run1's log_code_metrics call (mcp-transcript.json, id 5),
// with upstream's `.get(k, 0)` defaults applied.
const RUN1_CALL: FunctionModification[] = [
  { name: "parse_config", modification_type: "added", lines_added: 25, lines_modified: 0, lines_deleted: 0 },
  { name: "helper", modification_type: "modified", lines_added: 0, lines_modified: 2, lines_deleted: 1 },
  { name: "fetch_all", modification_type: "refactored", lines_added: 3, lines_modified: 4, lines_deleted: 0 },
  {
    name: "does_not_exist",
    modification_type: "added",
    lines_added: 10,
    lines_modified: 0,
    lines_deleted: 0,
  },
];

let project: string;

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), "code-metrics-"));
  await mkdir(path.join(project, "src"));
  await copyFile(path.join(fixtures, "run1_sample_module.py"), path.join(project, "src", "sample_module.py"));
});

afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

async function expectTrackerError(promise: Promise<unknown>, code: string, message: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrackerError);
  expect(error).toMatchObject({ code, message });
}

// Upstream's records for run1's sample are written out in full as the oracle (alike by design).
describe("analyzeCodeFile on run1's sample", () => {
  it("gives upstream's three FunctionMetrics exactly (sessions.json code_metrics)", async () => {
    const result = await analyzeCodeFile("src/sample_module.py", RUN1_CALL, { baseDir: project });
    expect(result).toEqual([
      {
        function_name: "parse_config",
        modification_type: "added",
        ai_contribution: { lines_added: 25, lines_modified: 0, lines_deleted: 0, complexity_added: 8 },
        context: { final_complexity: 8, cognitive_load: 0 },
        documentation: { has_docstring: true, quality_score: 100, has_type_hints: true },
        value_metrics: { effort_score: 25.0 },
      },
      {
        function_name: "helper",
        modification_type: "modified",
        ai_contribution: { lines_added: 0, lines_modified: 2, lines_deleted: 1, complexity_added: 0 },
        context: { final_complexity: 1, cognitive_load: 1 },
        documentation: { has_docstring: false, quality_score: 0, has_type_hints: false },
        value_metrics: { effort_score: 1.1 },
      },
      {
        function_name: "fetch_all",
        modification_type: "refactored",
        ai_contribution: { lines_added: 3, lines_modified: 4, lines_deleted: 0, complexity_added: 0 },
        context: { final_complexity: 3, cognitive_load: 3 },
        documentation: { has_docstring: true, quality_score: 30, has_type_hints: false },
        value_metrics: { effort_score: 5.3 },
      },
    ]);
    // Key order is part of the stored shape.
    expect(JSON.stringify(result[0])).toBe(
      '{"function_name":"parse_config","modification_type":"added","ai_contribution":{"lines_added":25,"lines_modified":0,"lines_deleted":0,"complexity_added":8},"context":{"final_complexity":8,"cognitive_load":0},"documentation":{"has_docstring":true,"quality_score":100,"has_type_hints":true},"value_metrics":{"effort_score":25}}',
    );
  });

  it("summarises to upstream's 3 / 4.0 / 43.33 / 31.4", async () => {
    const result = await analyzeCodeFile("src/sample_module.py", RUN1_CALL, { baseDir: project });
    // Upstream's summary of run1's sample, written out (the CLI test checks the same run's log result).
    expect(summarizeFunctionMetrics(result)).toEqual({
      functions_analyzed: 3,
      average_complexity: 4.0,
      average_doc_quality: 43.33,
      total_effort_score: 31.4,
    });
  });

  it("skips names that are not in the file and keeps the requested order", async () => {
    const result = await analyzeCodeFile(
      "src/sample_module.py",
      [RUN1_CALL[3], RUN1_CALL[2], RUN1_CALL[0]].filter((m) => m !== undefined),
      { baseDir: project },
    );
    expect(result.map((m) => m.function_name)).toEqual(["fetch_all", "parse_config"]);
    expect(await analyzeCodeFile("src/sample_module.py", [], { baseDir: project })).toEqual([]);
  });

  it("accepts an absolute path inside the project and CRLF line endings", async () => {
    const crlf = path.join(project, "src", "crlf.py");
    await writeFile(crlf, 'def f(x):\r\n    """Doc."""\r\n    if x or x:\r\n        return 1\r\n');
    const [m] = await analyzeCodeFile(crlf, [{ ...RUN1_CALL[1], name: "f" } as FunctionModification], {
      baseDir: project,
    });
    expect(m?.context.final_complexity).toBe(3);
    expect(m?.documentation.quality_score).toBe(30);
  });
});

describe("summarizeFunctionMetrics", () => {
  it("is all zeros for an empty list", () => {
    expect(summarizeFunctionMetrics([])).toEqual({
      functions_analyzed: 0,
      average_complexity: 0,
      average_doc_quality: 0,
      total_effort_score: 0,
    });
  });
});

describe("analyzeCodeFile errors", () => {
  it("rejects an unsupported extension before touching the disk", async () => {
    await expectTrackerError(
      analyzeCodeFile("src/missing.rb", RUN1_CALL, { baseDir: project }),
      "unsupported",
      "Unsupported file type: src/missing.rb. Supported: .py, .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs",
    );
  });

  it("reports a missing file", async () => {
    await expectTrackerError(
      analyzeCodeFile("src/nope.py", RUN1_CALL, { baseDir: project }),
      "not_found",
      "File not found: src/nope.py",
    );
  });

  it.each([
    {
      what: "a Python syntax error with line:col",
      file: "src/bad.py",
      text: "def ok():\n    return 1\n\ndef broken(:\n    pass\n",
      error: 'unexpected ":" at src/bad.py:4:12',
    },
    {
      what: "Python 2 print statements as syntax errors",
      file: "src/py2.py",
      text: 'def f():\n    print "hi"\n',
      error: "Missing parentheses in call to 'print' at src/py2.py:2:5",
    },
    {
      what: "a TypeScript syntax error with line:col",
      file: "src/bad.ts",
      text: "export function f(a: number) {\n  return a +;\n}\n",
      error: "Expression expected at src/bad.ts:2:13",
    },
    {
      what: "TypeScript-only syntax in a .js file",
      file: "src/typed.js",
      text: "function f(a: number) {\n  return a;\n}\n",
      error: "Type annotations can only be used in TypeScript files at src/typed.js:1:15",
    },
  ])("reports $what", async ({ file, text, error }) => {
    await writeFile(path.join(project, file), text);
    await expectTrackerError(
      analyzeCodeFile(file, RUN1_CALL, { baseDir: project }),
      "invalid_input",
      `Syntax error in file: ${error}. Fix the file or pass a file that parses.`,
    );
  });
});

describe("analyzeCodeFile confinement (upstream read any .py the server could reach)", () => {
  it("rejects ../ escapes without revealing whether the target exists", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "code-metrics-outside-"));
    try {
      await writeFile(path.join(outside, "secret.py"), "def f():\n    pass\n");
      const rel = path.relative(project, path.join(outside, "secret.py"));
      const message = `File is outside the project folder: ${rel}. Pass a path inside the project (relative to it or absolute).`;
      await expectTrackerError(
        analyzeCodeFile(rel, RUN1_CALL, { baseDir: project }),
        "invalid_input",
        message,
      );
      const missing = path.relative(project, path.join(outside, "missing.py"));
      await expectTrackerError(
        analyzeCodeFile(missing, RUN1_CALL, { baseDir: project }),
        "invalid_input",
        `File is outside the project folder: ${missing}. Pass a path inside the project (relative to it or absolute).`,
      );
      const abs = path.join(outside, "secret.py");
      await expectTrackerError(
        analyzeCodeFile(abs, RUN1_CALL, { baseDir: project }),
        "invalid_input",
        `File is outside the project folder: ${abs}. Pass a path inside the project (relative to it or absolute).`,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("rejects a symlink inside the project that points outside it", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "code-metrics-outside-"));
    try {
      await writeFile(path.join(outside, "secret.py"), "def f():\n    pass\n");
      await symlink(path.join(outside, "secret.py"), path.join(project, "src", "link.py"));
      await symlink(outside, path.join(project, "linkdir"));
      for (const p of ["src/link.py", "linkdir/secret.py"]) {
        await expectTrackerError(
          analyzeCodeFile(p, RUN1_CALL, { baseDir: project }),
          "invalid_input",
          `File is outside the project folder: ${p}. Pass a path inside the project (relative to it or absolute).`,
        );
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("follows a symlink that stays inside the project", async () => {
    await symlink(path.join(project, "src", "sample_module.py"), path.join(project, "alias.py"));
    const result = await analyzeCodeFile("alias.py", RUN1_CALL, { baseDir: project });
    expect(result).toHaveLength(3);
  });

  it("rejects files above maxBytes and directories", async () => {
    await expectTrackerError(
      analyzeCodeFile("src/sample_module.py", RUN1_CALL, { baseDir: project, maxBytes: 100 }),
      "invalid_input",
      "File too large: src/sample_module.py is 1100 bytes; the limit is 100 bytes. Only hand-written source files can be analysed.",
    );
    await mkdir(path.join(project, "dir.py"));
    await expectTrackerError(
      analyzeCodeFile("dir.py", RUN1_CALL, { baseDir: project }),
      "invalid_input",
      "Not a regular file: dir.py. Pass a source file.",
    );
  });

  it("rejects a file that is not UTF-8", async () => {
    await writeFile(path.join(project, "latin1.py"), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    await expectTrackerError(
      analyzeCodeFile("latin1.py", RUN1_CALL, { baseDir: project }),
      "invalid_input",
      "File is not valid UTF-8: latin1.py",
    );
  });
});

describe("syntax errors inside repaired constructs are still reported", () => {
  it("reports a broken with header", async () => {
    await writeFile(path.join(project, "src", "badwith.py"), "def f(a):\n    with a as b c:\n        pass\n");
    const error = await analyzeCodeFile("src/badwith.py", RUN1_CALL, { baseDir: project }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^Syntax error in file: .* at src\/badwith\.py:2:\d+\./),
    });
  });
});
