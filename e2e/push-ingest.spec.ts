/**
 * Push ingest end to end: an ingest-scoped token made in the settings UI, the real recorder CLI
 * (`node mcp-server/dist/cli/main.js push`) sending a tracker folder to the real portal, the pushed
 * sessions on the Sources page (live, as a push source) and in /api/v1/sessions; the same push again
 * changes nothing; wrong scope 403, bad file 400 naming it, oversized body 413.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { authTest, expect, snap } from "./fixtures";
import { deleteDeveloper } from "./fixtures/accounts";
import { testSession } from "./fixtures/shared-folder";
import { createToken } from "./fixtures/tokens";

const DEV = "zz-push-developer";
const PROJECT = "pushed-project";
const CLI = path.resolve("mcp-server/dist/cli/main.js");

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runPush(args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, "push", ...args],
      { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

authTest(
  "push ingest: the recorder's push command sends a folder; the portal shows it as a push source",
  async ({ page, playwright, baseURL }, testInfo) => {
    const stamp = Date.now();
    const ingestToken = await createToken(page, `e2e push ${stamp}`, { read: false, ingest: true });
    const readToken = await createToken(page, `e2e read ${stamp}`, { read: true, ingest: false });

    // A machine with the recorder: git user name = the developer, the project folder's name = the project,
    // its data folder (AI_OUTPUT_DIR) holding what the recorder wrote.
    const machine = mkdtempSync(path.join(tmpdir(), "e2e-push-"));
    const cwd = path.join(machine, PROJECT);
    const data = path.join(machine, "data");
    mkdirSync(cwd, { recursive: true });
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(machine, ".gitconfig"), `[user]\n\tname = ${DEV}\n`);
    const ids = ["push_check_20260530_100000", "push_check_20260530_120000"];
    const sessions = Object.fromEntries(
      ids.map((id, i) => [id, testSession(id, { session_name: `Pushed session ${i + 1}` })]),
    );
    writeFileSync(path.join(data, "sessions.json"), JSON.stringify(sessions));
    const interactions = [1, 2, 3].map((n) => ({
      session_id: ids[0],
      timestamp: `2026-05-30T10:0${n}:00+00:00`,
      prompt: `pushed prompt ${n}`,
      response_summary: "done",
      effectiveness_rating: 4,
      iteration_count: 1,
      tools_used: [],
    }));
    writeFileSync(path.join(data, "interactions.json"), JSON.stringify(interactions));
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: machine,
      GIT_CONFIG_GLOBAL: path.join(machine, ".gitconfig"),
      GIT_CONFIG_NOSYSTEM: "1",
      AI_OUTPUT_DIR: data,
      AI_TRACKER_PUSH_TOKEN: ingestToken,
    };
    const api = page.request;
    const sessionsApi = async () => {
      const r = await api.get(`/api/v1/sessions?developer=${DEV}&range=all`);
      expect(r.status()).toBe(200);
      return r.json();
    };

    try {
      // The Sources page is open while the push lands: it refreshes live like after a folder change.
      await page.goto("/sources");
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
      await expect(page.locator("main")).not.toContainText(DEV);

      const first = await runPush(["--url", baseURL ?? ""], { cwd, env });
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`push://${DEV}/${PROJECT}`);
      expect(first.stdout).toContain("sessions.json: ingested (2 records, 0 skipped)");
      expect(first.stdout).toContain("interactions.json: ingested (3 records, 0 skipped)");
      expect(first.stdout).not.toContain(ingestToken);

      const card = page.getByTestId("source-card").filter({ hasText: `push://${DEV}/${PROJECT}` });
      await expect(card).toBeVisible({ timeout: 5_000 });
      await expect(card).toContainText("push source");
      await expect(card).toContainText("2 / 3");
      await snap(page, "push-source", testInfo);

      const sourcesApi = await (await api.get("/api/v1/sources")).json();
      const pushed = sourcesApi.sources.find(
        (s: { rel_path: string }) => s.rel_path === `push://${DEV}/${PROJECT}`,
      );
      expect(pushed).toMatchObject({ developer: DEV, kind: "push" });
      const listed = await sessionsApi();
      const text = JSON.stringify(listed);
      for (const id of ids) expect(text).toContain(id);
      expect(text).toContain(PROJECT);

      // The same push again: nothing new, nothing changes.
      const again = await runPush(["--url", baseURL ?? ""], { cwd, env });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("nothing new");
      expect(await sessionsApi()).toEqual(listed);
      const sourcesAgain = await (await api.get("/api/v1/sources")).json();
      expect(sourcesAgain.sources).toEqual(sourcesApi.sources);

      // A token without the ingest scope is refused (the CLI says why, exit 1, token never printed).
      const refused = await runPush(["--url", baseURL ?? ""], {
        cwd,
        env: { ...env, AI_TRACKER_PUSH_TOKEN: readToken },
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('403: This API token lacks the "ingest" scope');
      expect(refused.stdout + refused.stderr).not.toContain(readToken);

      const anon = await playwright.request.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
      });
      const bearer = { Authorization: `Bearer ${ingestToken}` };
      // A file of the wrong shape: 400 naming it, nothing stored.
      const bad = await anon.post("/api/v1/ingest", {
        headers: bearer,
        data: { developer: DEV, project: PROJECT, files: { "interactions.json": { not: "a list" } } },
      });
      expect(bad.status()).toBe(400);
      expect((await bad.json()).error.message).toContain('files["interactions.json"]');
      // Path tricks in the developer name: 400.
      const tricky = await anon.post("/api/v1/ingest", {
        headers: bearer,
        data: { developer: "../etc", files: { "sessions.json": {} } },
      });
      expect(tricky.status()).toBe(400);
      // Above the documented 10 MiB: 413.
      const big = await anon.post("/api/v1/ingest", {
        headers: { ...bearer, "content-type": "application/json" },
        data: `{"developer":"${DEV}","files":{"sessions.json":{"x":"${"a".repeat(10 * 1024 * 1024)}"}}}`,
      });
      expect(big.status()).toBe(413);
      expect((await big.json()).error.code).toBe("too_large");
      expect(await sessionsApi()).toEqual(listed);
      await anon.dispose();
    } finally {
      // Other journeys assert exact team figures: leave no pushed developer behind. Empty files first
      // (the ingest removes the rows it holds, totals included), then the developer and its push source.
      const cleanup = await playwright.request.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
      });
      await cleanup.post("/api/v1/ingest", {
        headers: { Authorization: `Bearer ${ingestToken}` },
        data: { developer: DEV, project: PROJECT, files: { "sessions.json": {}, "interactions.json": [] } },
      });
      await cleanup.dispose();
      await deleteDeveloper(DEV);
      rmSync(machine, { recursive: true, force: true });
    }
  },
);
