/**
 * The bundled agent-instruction files name every tool, every required parameter and every enum value of
 * the input schemas the server validates with (upstream's test_agent_schema_sync), plus the estimate
 * buckets and the lines→minutes table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  endSessionInputSchema,
  flagIssueInputSchema,
  getObservabilityInputSchema,
  getRequestStatsInputSchema,
  logCodeMetricsInputSchema,
  logInteractionInputSchema,
  logRequestInputSchema,
  startSessionInputSchema,
} from "../src/service/inputs.js";
import { CLI_PACKAGE_ROOT } from "./helpers/cli-run.js";

const TOOLS: Record<string, z.ZodType> = {
  start_ai_session: startSessionInputSchema,
  log_ai_interaction: logInteractionInputSchema,
  end_ai_session: endSessionInputSchema,
  flag_ai_issue: flagIssueInputSchema,
  log_code_metrics: logCodeMetricsInputSchema,
  get_ai_observability: getObservabilityInputSchema,
  get_active_sessions: startSessionInputSchema.pick({}),
  log_ai_request: logRequestInputSchema,
  get_request_stats: getRequestStatsInputSchema,
};

/** Minimal structural view of zod 4 schema definitions (public `def`). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Every required field name and every enum value reachable from `schema` (objects, arrays, wrappers). */
function collect(schema: z.ZodType, out: { required: Set<string>; enums: Set<string> }): void {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (!field.safeParse(undefined).success) out.required.add(key);
        collect(field, out);
      }
      return;
    case "enum":
      for (const value of Object.values(def.entries ?? {})) out.enums.add(value);
      return;
    case "array":
      if (def.element) collect(def.element, out);
      return;
    case "pipe":
      if (def.in) collect(def.in, out);
      return;
    default:
      if (def.innerType) collect(def.innerType, out);
  }
}

const files = {
  instructions: readFileSync(
    join(CLI_PACKAGE_ROOT, "agent-files", "instructions", "session_tracking.instructions.md"),
    "utf8",
  ),
  agent: readFileSync(
    join(CLI_PACKAGE_ROOT, "agent-files", "agents", "Session Tracked Agent.agent.md"),
    "utf8",
  ),
};

describe.each(Object.entries(files))("agent file: %s", (_name, text) => {
  it("names every tool", () => {
    for (const tool of Object.keys(TOOLS)) expect(text, tool).toContain(tool);
  });

  it.each(Object.entries(TOOLS))("%s: every required parameter and enum value appears", (_tool, schema) => {
    const found = { required: new Set<string>(), enums: new Set<string>() };
    collect(schema, found);
    for (const key of found.required)
      expect(text, `required parameter ${key}`).toMatch(new RegExp(`\\b${key}\\b`));
    for (const value of found.enums)
      expect(text, `enum value ${value}`).toMatch(new RegExp(`\\b${value}\\b`));
  });

  it("lists the estimate buckets and the end-session formula", () => {
    expect(text).toMatch(/15 ?\| ?30 ?\| ?60 ?\| ?120 ?\| ?240 ?\| ?480 ?\| ?960 ?\| ?2400 ?\| ?4800/);
    expect(text).toContain("git diff --stat");
    expect(text).toMatch(/× 10 ÷ 50/);
  });

  it("carries the managed marker after its front matter", () => {
    expect(text).toMatch(/^---\n[\s\S]*?\n---\n<!-- ai-session-tracker:managed/);
  });
});

describe("the walker really finds the schema's contents", () => {
  it("sees required keys and nested enums (so the checks above can fail)", () => {
    const found = { required: new Set<string>(), enums: new Set<string>() };
    collect(logCodeMetricsInputSchema, found);
    expect([...found.required].sort()).toEqual([
      "file_path",
      "functions_modified",
      "modification_type",
      "name",
      "session_id",
    ]);
    expect([...found.enums].sort()).toEqual(["added", "deleted", "modified", "refactored"]);
    const start = { required: new Set<string>(), enums: new Set<string>() };
    collect(startSessionInputSchema, start);
    expect(start.required).toEqual(new Set(["session_name", "task_type", "model_name", "estimate_source"]));
    expect(start.enums.size).toBe(9 + 3);
  });

  it("the instructions table maps lines to minutes as lines ÷ 5, rounded up to a bucket", () => {
    const rows = [...files.instructions.matchAll(/^\| ≤ (\d+)\s+\| (\d+)\s+\|$/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [lines, minutes] of rows) expect((lines ?? 0) / 5).toBe(minutes);
  });
});
