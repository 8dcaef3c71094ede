/**
 * Git evidence through the real programs: the built stdio server driven by the SDK client in a git
 * working tree, the CLI `start`/`end`/`outcomes`, and upstream's files carrying our `git` field still
 * giving upstream's report unchanged.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseTrackerFile, type SessionGit, summarizeSessionGit } from "../src/contract/index.js";
import { generateSummaryReport } from "../src/stats/index.js";
import { runCli } from "./helpers/cli-run.js";
import { commitFile, git, initRepo, startArgs } from "./helpers/git-repo.js";
import { fixturesDir, readJson, serverPool, tempDir, textOf } from "./helpers/mcp-harness.js";

const pool = serverPool();
afterEach(() => pool.closeAll());

const sessionsIn = (dir: string) =>
  readJson(join(dir, "sessions.json")) as Record<string, { git?: SessionGit; outcome?: string }>;

describe("MCP stdio server in a git working tree", () => {
  it("records start and end context and the session's commits; written after the replies, before the server exits", async () => {
    const repo = tempDir("ast-git-mcp-");
    const out = tempDir("ast-git-mcp-out-");
    const now = new Date();
    initRepo(repo, new Date(now.getTime() - 3_600_000).toISOString());
    git(repo, ["remote", "add", "origin", "https://bot:s3cret@Example.com/acme/api.git"]);
    git(repo, ["checkout", "-q", "-b", "feature"]);
    const server = await pool.start({ outputDir: out, cwd: repo });
    const started = await server.call("start_ai_session", startArgs("Git session"));
    const id = String(started.session_id);
    expect(textOf(started)).toContain("Session Started");
    // Git times are whole seconds: the commit must fall after the session's start second.
    await new Promise((r) => setTimeout(r, 1_100));
    const sha = commitFile(repo, "a.txt", ["one", "two"], "Add a", new Date().toISOString());
    await new Promise((r) => setTimeout(r, 1_100));
    const ended = await server.call("end_ai_session", {
      session_id: id,
      outcome: "success",
      final_estimate_minutes: 10,
    });
    expect(ended.isError).toBeFalsy();
    await server.close(); // stdin closes: the server writes its background git capture, then exits
    for (let i = 0; i < 50 && !sessionsIn(out)[id]?.git?.end; i++)
      await new Promise((r) => setTimeout(r, 100));
    const g = sessionsIn(out)[id]?.git;
    expect(g?.start).toMatchObject({
      state: "ok",
      repository_id: "example.com/acme/api",
      repository_id_source: "remote",
      branch: "feature",
      detached: false,
    });
    expect(JSON.stringify(g)).not.toContain("s3cret");
    expect(g?.end?.head).toBe(sha);
    expect(g?.commits).toEqual([
      expect.objectContaining({ sha, files_changed: 1, lines_added: 2, lines_removed: 0, subject: "Add a" }),
    ]);
    expect(summarizeSessionGit(g).status).toBe("pending");
  }, 60_000);

  it("without git on PATH the tools work as always and the session says git_unavailable", async () => {
    const out = tempDir("ast-git-nogit-");
    // A work tree (git is looked for only where a .git exists), then a PATH without git.
    execFileSync("git", ["init", "-q", out]);
    const server = await pool.start({ outputDir: out, env: { PATH: "/nonexistent" } });
    const started = await server.call("start_ai_session", startArgs("Git session"));
    expect(started.isError).toBeFalsy();
    const ended = await server.call("end_ai_session", {
      session_id: String(started.session_id),
      outcome: "failed",
    });
    expect(ended.isError).toBeFalsy();
    await server.close();
    const id = String(started.session_id);
    for (let i = 0; i < 50 && !sessionsIn(out)[id]?.git?.end; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(sessionsIn(out)[id]?.git?.end?.state).toBe("git_unavailable");
  }, 60_000);
});

describe("CLI", () => {
  it("start / end record git; `outcomes` marks the session shipped after a merge", async () => {
    const repo = tempDir("ast-git-cli-");
    const data = tempDir("ast-git-cli-out-");
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: repo,
      TZ: "UTC",
      AI_OUTPUT_DIR: data,
      GIT_CONFIG_NOSYSTEM: "1",
    };
    initRepo(repo, new Date(Date.now() - 3_600_000).toISOString());
    git(repo, ["checkout", "-q", "-b", "feat"]);
    const start = await runCli(
      [
        "start",
        "--name",
        "CLI git",
        "--type",
        "testing",
        "--model",
        "m",
        "--mins",
        "20",
        "--source",
        "manual",
        "--json",
      ],
      { cwd: repo, env },
    );
    expect(start.code).toBe(0);
    const id = (JSON.parse(start.stdout) as { data: { session_id: string } }).data.session_id;
    expect(sessionsIn(data)[id]?.git?.start).toMatchObject({ state: "ok", branch: "feat" });
    await new Promise((r) => setTimeout(r, 1_100));
    const sha = commitFile(repo, "t.txt", ["t"], "Add t", new Date().toISOString());
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await runCli(["end", "--session-id", id, "--outcome", "success"], { cwd: repo, env })).code).toBe(
      0,
    );
    expect(sessionsIn(data)[id]?.git?.commits?.map((c) => c.sha)).toEqual([sha]);

    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["merge", "-q", "--no-ff", "-m", "Merge feat", "feat"]);
    const merge = git(repo, ["rev-parse", "HEAD"]);
    const outcomes = await runCli(["outcomes", "--json"], { cwd: repo, env });
    expect(outcomes.code).toBe(0);
    expect(JSON.parse(outcomes.stdout)).toMatchObject({
      success: true,
      data: { sessions_checked: 1, merged: 1 },
    });
    const commit = sessionsIn(data)[id]?.git?.commits?.[0];
    expect(commit?.shipped).toMatchObject({ status: "merged", via: "ancestry", merge_sha: merge });

    const elsewhere = await runCli(["outcomes"], {
      cwd: tempDir("ast-git-cli-none-"),
      env: { ...env, GIT_CEILING_DIRECTORIES: "/tmp" },
    });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout + elsewhere.stderr).toContain("Not in a git repository");
  }, 60_000);
});

describe("upstream's files with our git field", () => {
  const gitField: SessionGit = {
    start: {
      state: "ok",
      repository_id: "github.com/acme/api",
      repository_id_source: "remote",
      branch: "main",
      head: "a".repeat(40),
      detached: false,
      shallow: false,
      operation: null,
      captured_at: "2026-01-01T00:00:00+00:00",
    },
    commits: [
      {
        sha: "b".repeat(40),
        committed_at: "2026-01-01T00:10:00+00:00",
        files_changed: 2,
        lines_added: 10,
        lines_removed: 3,
        subject: "x",
        patch_id: "c".repeat(40),
        shipped: {
          status: "merged",
          via: "ancestry",
          merged_at: "2026-01-02T00:00:00+00:00",
          checked_at: "2026-01-03T00:00:00+00:00",
        },
      },
    ],
  };

  for (const folder of ["run1", "worked-example"]) {
    it(`${folder}: the same report and the same normalised sessions, git aside`, async () => {
      const plain = join(tempDir(`ast-up-${folder}-`), "d");
      cpSync(fixturesDir(folder), plain, {
        recursive: true,
        filter: (src) => !src.includes("transcript") && !src.endsWith(".py"),
      });
      const withGit = join(tempDir(`ast-upgit-${folder}-`), "d");
      cpSync(plain, withGit, { recursive: true });
      const raw = JSON.parse(readFileSync(join(plain, "sessions.json"), "utf8")) as Record<
        string,
        Record<string, unknown>
      >;
      for (const s of Object.values(raw)) s.git = gitField;
      writeFileSync(join(withGit, "sessions.json"), JSON.stringify(raw, null, 2));

      const load = (dir: string, kind: "sessions" | "interactions" | "issues") =>
        parseTrackerFile(kind, readJson(join(dir, `${kind}.json`))).records;
      const a = load(plain, "sessions");
      const b = load(withGit, "sessions");
      expect(a.every((s) => !("git" in s))).toBe(true);
      for (const s of b) expect(s.git).toEqual(gitField);
      expect(b.map(({ git: _git, ...rest }) => rest)).toEqual(a);
      const report = (dir: string) =>
        generateSummaryReport({
          sessions: load(dir, "sessions"),
          interactions: load(dir, "interactions"),
          issues: load(dir, "issues"),
        });
      expect(report(withGit)).toBe(report(plain));

      // And through the CLI `report` (upstream's command, same text): equal output on both folders.
      const cli = async (dir: string) =>
        (
          await runCli(["report"], {
            cwd: dir,
            env: { PATH: process.env.PATH ?? "", HOME: dir, TZ: "UTC", AI_OUTPUT_DIR: dir },
          })
        ).stdout;
      expect(await cli(withGit)).toBe(await cli(plain));
    });
  }
});
