import { describe, expect, it } from "vitest";
import { resolveOutputDir } from "./output-dir.js";

const base = { cwd: "/work/proj", homedir: "/home/jane" };

describe("resolveOutputDir", () => {
  it("defaults to .ai_sessions in the working directory", () => {
    expect(resolveOutputDir({ ...base, env: {} })).toEqual({
      dir: "/work/proj/.ai_sessions",
      source: "default",
    });
  });

  it("treats an empty or blank AI_OUTPUT_DIR as unset, with a warning", () => {
    for (const v of ["", "   "]) {
      const r = resolveOutputDir({ ...base, env: { AI_OUTPUT_DIR: v } });
      expect(r.dir).toBe("/work/proj/.ai_sessions");
      expect(r.source).toBe("default");
      expect(r.warning).toMatch(/AI_OUTPUT_DIR is set but empty/);
    }
  });

  it("uses AI_OUTPUT_DIR: absolute, relative to cwd, ~ and ~/ expanded", () => {
    const dir = (v: string) => resolveOutputDir({ ...base, env: { AI_OUTPUT_DIR: v } });
    expect(dir("/data/tracker")).toEqual({ dir: "/data/tracker", source: "AI_OUTPUT_DIR" });
    expect(dir("out/ai").dir).toBe("/work/proj/out/ai");
    expect(dir("~").dir).toBe("/home/jane");
    expect(dir("~/sync/me").dir).toBe("/home/jane/sync/me");
    expect(dir("~other/x").dir).toBe("/work/proj/~other/x");
  });
});
