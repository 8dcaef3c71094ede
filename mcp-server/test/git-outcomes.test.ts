/**
 * Git evidence end to end through the service, in real repositories: what each session committed and,
 * after later runs, whether it shipped — a merge commit, a squash merge, a rebase merge, a revert,
 * unmerged work, a rebase during a session (finished and left half-done), a detached HEAD, a shallow
 * clone, no repository. Every expected status and time below is worked out by hand from the timeline.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SessionGit, summarizeSessionGit } from "../src/contract/git-schema.js";
import { captureGitContext } from "../src/git/capture-context.js";
import { normalizeRemoteUrl } from "../src/git/repository-id.js";
import {
  createTrackerContext,
  endSession,
  endSessionInputSchema,
  refreshShippedStatus,
  settleBackground,
  startSession,
  startSessionInputSchema,
  type TrackerContext,
} from "../src/service/index.js";
import { commitFile, git, initRepo, startArgs } from "./helpers/git-repo.js";
import { tempDir } from "./helpers/mcp-harness.js";

const at = (hhmm: string, day = "2026-03-02") => `${day}T${hhmm}:00Z`;
const ms = (iso: string) => Date.parse(iso);

interface Harness {
  ctx: TrackerContext;
  setNow(iso: string): void;
  /** Starts a session at `start`, runs `during` (git work), ends it at `end`; returns its id. */
  session(name: string, start: string, end: string, during?: () => void, outcome?: string): Promise<string>;
  git(id: string): SessionGit;
}

async function harness(cwd: string, env: Record<string, string> = {}): Promise<Harness> {
  let now = new Date(at("00:00"));
  const out = tempDir("ast-git-out-");
  const ctx = await createTrackerContext({
    env: { AI_OUTPUT_DIR: out, ...env },
    cwd,
    executionContext: "background",
    now: () => now,
  });
  return {
    ctx,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async session(name, start, end, during, outcome = "success") {
      now = new Date(start);
      const { session_id } = await startSession(ctx, startSessionInputSchema.parse(startArgs(name)));
      await settleBackground(ctx);
      during?.();
      now = new Date(end);
      await endSession(ctx, endSessionInputSchema.parse({ session_id, outcome, final_estimate_minutes: 20 }));
      await settleBackground(ctx);
      return session_id;
    },
    git(id) {
      const sessions = JSON.parse(readFileSync(join(out, "sessions.json"), "utf8")) as Record<
        string,
        { git: SessionGit }
      >;
      const s = sessions[id];
      if (!s) throw new Error(`no session ${id}`);
      return s.git;
    },
  };
}

describe("repository id", () => {
  it("strips credentials, ports, protocol differences and .git", () => {
    for (const url of [
      "https://user:s3cret@GitHub.com/acme/api.git",
      "https://ghp_token@github.com/acme/api",
      "git@github.com:acme/api.git",
      "ssh://git@github.com:22/acme/api.git/",
      "github.com:acme/api",
    ])
      expect(normalizeRemoteUrl(url)).toBe("github.com/acme/api");
    expect(normalizeRemoteUrl("file:///srv/git/api.git")).toBe("/srv/git/api");
    expect(normalizeRemoteUrl("/srv/git/api.git")).toBe("/srv/git/api");
    expect(normalizeRemoteUrl(" ")).toBeNull();
  });
});

describe("one working tree through eight sessions", () => {
  const repo = tempDir("ast-git-repo-");
  let h: Harness;
  const ids: Record<string, string> = {};
  const shas: Record<string, string> = {};

  beforeAll(async () => {
    initRepo(repo, at("08:00"));
    h = await harness(repo);

    // S1 — merge commit. Two commits of ours on feat1 (and one by someone else, not ours), merged --no-ff at 10:00.
    git(repo, ["checkout", "-q", "-b", "feat1"]);
    ids.s1 = await h.session("S1 merge", at("09:00"), at("09:30"), () => {
      shas.s1a = commitFile(repo, "a.txt", ["a1", "a2", "a3"], "Add a", at("09:10"));
      shas.s1other = commitFile(repo, "o.txt", ["o"], "Other's work", at("09:15"), {
        author: "other@example.com",
      });
      shas.s1b = commitFile(repo, "a.txt", ["a4"], "More a", at("09:20"));
    });
    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["merge", "-q", "--no-ff", "-m", "Merge feat1", "feat1"], at("10:00"));
    shas.s1merge = git(repo, ["rev-parse", "HEAD"]);

    // S2 — squash merge at 11:00 of two commits on feat2.
    git(repo, ["checkout", "-q", "-b", "feat2"]);
    ids.s2 = await h.session("S2 squash", at("10:10"), at("10:30"), () => {
      shas.s2a = commitFile(repo, "b.txt", ["b1", "b2", "b3"], "Add b", at("10:15"));
      shas.s2b = commitFile(repo, "b.txt", ["b4", "b5"], "More b", at("10:20"));
    });
    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["merge", "-q", "--squash", "feat2"], at("11:00"));
    git(repo, ["commit", "-q", "-m", "Squashed feat2"], at("11:00"));
    shas.s2squash = git(repo, ["rev-parse", "HEAD"]);

    // S3 — rebase merge: feat3's commit is rebased onto a moved main at 12:00 and fast-forwarded.
    git(repo, ["checkout", "-q", "-b", "feat3"]);
    ids.s3 = await h.session("S3 rebase merge", at("11:10"), at("11:20"), () => {
      shas.s3 = commitFile(repo, "c.txt", ["c1", "c2"], "Add c", at("11:15"));
    });
    git(repo, ["checkout", "-q", "main"]);
    commitFile(repo, "d.txt", ["d"], "Main moves on", at("11:30"));
    git(repo, ["checkout", "-q", "feat3"]);
    git(repo, ["rebase", "-q", "main"], at("12:00"));
    shas.s3copy = git(repo, ["rev-parse", "HEAD"]);
    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["merge", "-q", "--ff-only", "feat3"], at("12:00"));

    // S4 — committed straight on main, reverted at 13:00.
    ids.s4 = await h.session("S4 revert", at("12:10"), at("12:20"), () => {
      shas.s4 = commitFile(repo, "e.txt", ["e"], "Add e", at("12:15"));
    });
    git(repo, ["revert", "--no-edit", shas.s4 ?? ""], at("13:00"));
    shas.s4revert = git(repo, ["rev-parse", "HEAD"]);

    // S5 — work left on a branch, never merged.
    git(repo, ["checkout", "-q", "-b", "feat5"]);
    ids.s5 = await h.session("S5 unmerged", at("13:10"), at("13:20"), () => {
      shas.s5 = commitFile(repo, "f.txt", ["f"], "Add f", at("13:15"));
    });

    // S6 — a rebase during the session stops on a conflict and is still in progress at the end.
    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["checkout", "-q", "-b", "feat6"]);
    git(repo, ["checkout", "-q", "main"]);
    commitFile(repo, "README.md", ["main version", "line two"], "Main edits README", at("13:45"), {
      replace: true,
    });
    git(repo, ["checkout", "-q", "feat6"]);
    ids.s6 = await h.session("S6 rebase in progress", at("14:05"), at("14:20"), () => {
      shas.s6 = commitFile(
        repo,
        "README.md",
        ["feat6 version", "line two"],
        "Feat6 edits README",
        at("14:10"),
        {
          replace: true,
        },
      );
      expect(() => git(repo, ["rebase", "main"], at("14:15"))).toThrow();
    });
    git(repo, ["rebase", "--abort"]);

    // S7 — a rebase finished during the session rewrites the start HEAD (g0) and the session's commit;
    // the commit reachable at the end is the rebased copy, and g0's copy is not the session's (authored before).
    git(repo, ["checkout", "-q", "main"]);
    git(repo, ["checkout", "-q", "-b", "feat7"]);
    git(repo, ["checkout", "-q", "main"]);
    commitFile(repo, "h.txt", ["h"], "Main adds h", at("14:55"));
    git(repo, ["checkout", "-q", "feat7"]);
    commitFile(repo, "g0.txt", ["g0"], "Before the session", at("15:00"));
    ids.s7 = await h.session("S7 rebased during", at("15:05"), at("15:20"), () => {
      shas.s7orig = commitFile(repo, "g.txt", ["g"], "Add g", at("15:10"));
      git(repo, ["rebase", "-q", "main"], at("15:15"));
      shas.s7 = git(repo, ["rev-parse", "HEAD"]);
    });

    // S8 — a detached HEAD, nothing committed.
    git(repo, ["checkout", "-q", "--detach", "main"]);
    ids.s8 = await h.session("S8 detached", at("16:05"), at("16:10"));
    git(repo, ["checkout", "-q", "main"]);
  }, 60_000);

  afterAll(() => undefined);

  it("records start and end context", () => {
    const s1 = h.git(ids.s1 ?? "");
    expect(s1.start).toMatchObject({
      state: "ok",
      branch: "feat1",
      detached: false,
      shallow: false,
      operation: null,
    });
    expect(s1.start?.repository_id).toMatch(/^root:[0-9a-f]{40}$/);
    expect(s1.start?.repository_id_source).toBe("root_commit");
    expect(s1.end?.head).toBe(shas.s1b);
    expect(s1.history_diverged).toBe(false);

    const s6 = h.git(ids.s6 ?? "");
    expect(s6.start).toMatchObject({ branch: "feat6", detached: false, operation: null });
    expect(s6.end).toMatchObject({ state: "ok", branch: null, detached: true, operation: "rebase" });
    // The rebase stopped on main's tip, which still contains the start HEAD (feat6 had no commit then).
    expect(s6.history_diverged).toBe(false);

    const s7 = h.git(ids.s7 ?? "");
    expect(s7.history_diverged).toBe(true);
    expect(s7.end).toMatchObject({ branch: "feat7", operation: null });

    const s8 = h.git(ids.s8 ?? "");
    expect(s8.start).toMatchObject({ state: "ok", branch: null, detached: true });
    expect(s8.commits).toEqual([]);
  });

  it("lists the local user's commits of each session, with stats and subjects", () => {
    const s1 = h.git(ids.s1 ?? "");
    expect(s1.commits?.map((c) => c.sha)).toEqual([shas.s1a, shas.s1b]);
    expect(s1.commits?.[0]).toMatchObject({
      files_changed: 1,
      lines_added: 3,
      lines_removed: 0,
      subject: "Add a",
    });
    expect(s1.commits?.[1]).toMatchObject({ lines_added: 1, subject: "More a" });
    expect(s1.range_patch_id).toBeNull(); // someone else's commit sits between ours
    expect(h.git(ids.s2 ?? "").range_patch_id).toMatch(/^[0-9a-f]{40}$/);
    expect(h.git(ids.s6 ?? "").commits?.[0]).toMatchObject({
      sha: shas.s6,
      lines_added: 1,
      lines_removed: 1,
    });
    // The rebased copy keeps its author time inside the session; the original is no longer reachable.
    expect(h.git(ids.s7 ?? "").commits?.map((c) => c.sha)).toEqual([shas.s7]);
    expect(shas.s7).not.toBe(shas.s7orig);
  });

  it("classifies every session's commits a day later, from local refs", async () => {
    h.setNow(at("09:00", "2026-03-03"));
    const r = await refreshShippedStatus(h.ctx);
    // S4 is not checked again: the start of S5 (13:10) already found its revert (13:00).
    expect(r.sessions_checked).toBe(6);
    const c = (k: string) => h.git(ids[k] ?? "").commits ?? [];

    for (const commit of c("s1"))
      expect(commit.shipped).toMatchObject({ status: "merged", via: "ancestry", merge_sha: shas.s1merge });
    expect(ms(c("s1")[0]?.shipped?.merged_at ?? "")).toBe(ms(at("10:00")));

    for (const commit of c("s2"))
      expect(commit.shipped).toMatchObject({ status: "merged", via: "squash", merge_sha: shas.s2squash });
    expect(ms(c("s2")[1]?.shipped?.merged_at ?? "")).toBe(ms(at("11:00")));

    expect(c("s3")[0]?.shipped).toMatchObject({ status: "merged", via: "patch_id", merge_sha: shas.s3copy });
    expect(ms(c("s3")[0]?.shipped?.merged_at ?? "")).toBe(ms(at("12:00")));

    expect(c("s4")[0]?.shipped).toMatchObject({
      status: "reverted",
      reverted_by: shas.s4revert,
      via: "ancestry",
    });
    expect(ms(c("s4")[0]?.shipped?.reverted_at ?? "")).toBe(ms(at("13:00")));

    for (const k of ["s5", "s6", "s7"]) expect(c(k)[0]?.shipped?.status).toBe("pending");

    const summary = (k: string) => summarizeSessionGit(h.git(ids[k] ?? ""));
    expect(summary("s1")).toMatchObject({ status: "shipped", commits: 2, lines_shipped: 4 });
    expect(ms(summary("s1").merged_at ?? "")).toBe(ms(at("10:00")));
    expect(summary("s2")).toMatchObject({ status: "shipped", lines_shipped: 5 });
    expect(summary("s4")).toMatchObject({ status: "reverted", lines_shipped: 0 });
    expect(summary("s5").status).toBe("pending");
    expect(summary("s8").status).toBe("no_commits");
  });

  it("calls work still off the default branch after 14 days unmerged; shipped work stays shipped", async () => {
    h.setNow(at("09:00", "2026-03-20"));
    await refreshShippedStatus(h.ctx);
    const status = (k: string) => summarizeSessionGit(h.git(ids[k] ?? "")).status;
    expect(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"].map(status)).toEqual([
      "shipped",
      "shipped",
      "shipped",
      "reverted",
      "unmerged",
      "unmerged",
      "unmerged",
      "no_commits",
    ]);
  });

  it("a later session start updates earlier sessions (S5 merged by then)", async () => {
    git(repo, ["merge", "-q", "--no-ff", "-m", "Merge feat5", "feat5"], at("09:00", "2026-03-21"));
    const s9 = await h.session("S9 later", at("10:00", "2026-03-21"), at("10:05", "2026-03-21"));
    expect(summarizeSessionGit(h.git(ids.s5 ?? "")).status).toBe("shipped");
    expect(h.git(s9).commits).toEqual([]);
  });

  it("sessions that ended more than 90 days ago are no longer re-checked", async () => {
    h.setNow(at("09:00", "2026-06-20"));
    const r = await refreshShippedStatus(h.ctx);
    expect(r.sessions_checked).toBe(0);
    expect(summarizeSessionGit(h.git(ids.s6 ?? "")).status).toBe("unmerged");
  });
});

// Session timestamps of one process only increase (clock.ts), so these sessions come after the ones above.
const DAY2 = "2026-04-01";
const DAY3 = "2026-04-02";

describe("trees that are not ordinary", () => {
  it("a shallow clone: recorded as shallow, the id from its remote, its commits listed", async () => {
    const origin = tempDir("ast-git-origin-");
    initRepo(origin, at("08:00"));
    commitFile(origin, "x.txt", ["x"], "x", at("08:30"));
    const parent = tempDir("ast-git-shallow-");
    git(parent, ["clone", "-q", "--depth", "1", `file://${origin}`, "clone"]);
    const clone = join(parent, "clone");
    git(clone, ["config", "user.email", "dev@example.com"]);
    git(clone, ["config", "user.name", "Dev"]);
    const h = await harness(clone);
    let sha = "";
    const id = await h.session("shallow", at("09:00", DAY2), at("09:10", DAY2), () => {
      sha = commitFile(clone, "y.txt", ["y"], "y", at("09:05", DAY2));
    });
    const g = h.git(id);
    expect(g.start).toMatchObject({
      state: "ok",
      shallow: true,
      repository_id: origin,
      repository_id_source: "remote",
    });
    expect(g.commits?.map((c) => c.sha)).toEqual([sha]);
  });

  it("no repository: recorded as such, the session is recorded as usual", async () => {
    const dir = tempDir("ast-git-none-");
    mkdirSync(join(dir, "sub"));
    const h = await harness(join(dir, "sub"), { GIT_CEILING_DIRECTORIES: dir });
    const id = await h.session("no repo", at("09:00", DAY2), at("09:10", DAY2));
    expect(h.git(id).start?.state).toBe("no_repository");
    expect(h.git(id).end?.state).toBe("no_repository");
    expect(h.git(id).commits).toBeUndefined();
  });

  it("git not installed: git_unavailable (in a work tree; outside one no git is started: no_repository)", async () => {
    const repo = tempDir();
    initRepo(repo, at("08:00"));
    const ctxAt = await captureGitContext(repo, new Date(at("09:00")), {
      env: { PATH: "/nonexistent" },
    });
    expect(ctxAt).toEqual({ state: "git_unavailable", captured_at: "2026-03-02T09:00:00+00:00" });
  });

  it("AI_TRACKER_PROMPTS=none withholds commit subjects (length and hash only)", async () => {
    const repo = tempDir("ast-git-private-");
    initRepo(repo, at("08:00"));
    const h = await harness(repo, { AI_TRACKER_PROMPTS: "none" });
    const id = await h.session("private", at("09:00", DAY3), at("09:10", DAY3), () => {
      commitFile(repo, "s.txt", ["s"], "Fix the secret thing", at("09:05", DAY3));
    });
    const commit = h.git(id).commits?.[0];
    expect(commit?.subject).toBeUndefined();
    expect(commit?.subject_withheld).toEqual({ chars: 20, sha256: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});
