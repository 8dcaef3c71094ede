/**
 * Git evidence written by the real recorder in a real working tree reaches the session page: the
 * session's commits and their shipped status after a merge and `outcomes`, and the summary the ship-rate
 * figures use. A session recorded outside any repository says so.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionDetailResponse } from "@/lib/api/responses/sessions";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { gitWorkspace, nextSecond } from "@/test-support/recorder-git";
import { detailOfSession } from "@/test-support/session-detail";

const NOW = Date.now() + 60_000;
let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

const detailOf = async (sessionId: string) => await detailOfSession(env, sessionId, NOW);

describe("git evidence on the session page", () => {
  it("a session's commit, merged into main: listed with its stats and shipped status", async () => {
    const w = gitWorkspace(path.join(env.root, "..", "repo-dana"), path.join(env.root, "dana"));
    w.git("checkout", "-q", "-b", "feature");
    const id = w.start("Add the parser");
    nextSecond();
    const sha = w.commit("parser.ts", "one\ntwo\nthree\n", "Add the parser");
    nextSecond();
    w.end(id, "failed");
    w.git("checkout", "-q", "main");
    w.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
    const merge = w.git("rev-parse", "HEAD");
    w.cli("outcomes");
    await ingest(env, NOW);

    const g = (await detailOf(id)).git;
    expect(g?.summary).toMatchObject({ status: "shipped", commits: 1, lines_changed: 3, lines_shipped: 3 });
    expect(g?.branchStart).toBe("feature");
    expect(g?.repository).toMatch(/^root:/);
    expect(g?.commits).toEqual([
      expect.objectContaining({
        sha,
        shortSha: sha.slice(0, 7),
        filesChanged: 1,
        linesAdded: 3,
        linesRemoved: 0,
        subject: "Add the parser",
        status: "merged",
        via: "ancestry",
        mergeSha: merge,
      }),
    ]);
    // The recorder said "failed", git says it shipped: a disagreement.
    expect(g?.disagreement).toBe("failed_but_shipped");
    // The API's session body carries the same evidence, in its documented shape.
    const body = sessionDetailResponse.schema.parse(sessionDetailResponse.toDto(await detailOf(id)));
    expect(body.git).toMatchObject({
      status: "shipped",
      commits_count: 1,
      disagreement: "failed_but_shipped",
    });
    expect(body.git?.commits[0]).toMatchObject({ sha, status: "merged", merge_sha: merge });
  });

  it("a success whose commit was reverted: not shipped, a disagreement", async () => {
    const w = gitWorkspace(path.join(env.root, "..", "repo-erin"), path.join(env.root, "erin"));
    const id = w.start("Tweak the config");
    nextSecond();
    const sha = w.commit("config.txt", "x\n", "Tweak the config");
    nextSecond();
    w.end(id, "success");
    w.git("revert", "--no-edit", sha);
    const revert = w.git("rev-parse", "HEAD");
    w.cli("outcomes");
    await ingest(env, NOW);
    const g = (await detailOf(id)).git;
    expect(g?.summary).toMatchObject({ status: "reverted", lines_shipped: 0 });
    expect(g?.commits[0]).toMatchObject({ status: "reverted", revertedBy: revert });
    expect(g?.disagreement).toBe("success_not_shipped");
  });

  it("a session recorded before git evidence existed has none", async () => {
    const w = gitWorkspace(path.join(env.root, "..", "repo-finn"), path.join(env.root, "finn"));
    const id = w.start("Old");
    w.end(id, "success");
    // What an upstream recorder (or ours before issue 15) wrote: the same record without `git`.
    const file = path.join(env.root, "finn", "sessions.json");
    const sessions = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>;
    for (const s of Object.values(sessions)) delete s.git;
    writeFileSync(file, JSON.stringify(sessions));
    await ingest(env, NOW);
    expect((await detailOf(id)).git).toBeNull();
  });
});
