/**
 * Git evidence end to end (issue 15): the real recorder CLI in a real git working tree on a developer's
 * machine (two sessions: one reported "failed" whose commit is then merged with a merge commit, one
 * reported "success" whose commit is reverted), `ai-session-tracker outcomes`, the share syncing the
 * data folder into the portal's, and the same verdicts in /api/v1/ship-rates (JSON, CSV), on the
 * Shipped page and on the session page.
 *
 * Oracle (by hand): 2 sessions, both committed and decided; 1 shipped (the failed one: 3 lines) → ship
 * rate 50 %, 3 lines shipped of 4 changed; 2 disagreements (failed but shipped, success never shipped).
 * ROI method outcome signal (setting `outcome_signal`): self-report values the 2 sessions by their reports
 * (from git 0, self-report 2); "shipped" by git's verdict for both (from git 2, self-report 0): the failed
 * one shipped all its lines → success, the reverted one → failed (by outcome still 1 success, 1 failed).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURE_ROOT } from "./fixture-folder";
import { authTest, expect } from "./fixtures";
import { seriousViolations } from "./fixtures/axe";
import { waitForIngest } from "./fixtures/shared-folder";

const DEV = "zz-git-developer";
const CLI = path.resolve("mcp-server/dist/cli/main.js");
/** `start` flags of both sessions (the name varies). */
const FLAGS = { type: "code_generation", model: "m", mins: "30", source: "manual", project: "git-e2e" };

/** Git commit times are whole seconds: wait past the current one so a commit falls inside its session. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1_100));

authTest(
  "git evidence: the recorder's commits and verdicts reach ship rates, the Shipped page and the session page",
  async ({ page, baseURL }) => {
    const machine = mkdtempSync(path.join(tmpdir(), "e2e-git-"));
    const repo = path.join(machine, "repo");
    const data = path.join(machine, "data");
    mkdirSync(repo, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "",
      HOME: machine,
      TZ: "UTC",
      GIT_CONFIG_NOSYSTEM: "1",
      AI_OUTPUT_DIR: data,
    };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env, encoding: "utf8" }).trim();
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [CLI, ...args], { cwd: repo, env, encoding: "utf8" });
    const start = (name: string) =>
      (
        JSON.parse(
          cli("start", ...Object.entries({ ...FLAGS, name }).flatMap(([k, v]) => [`--${k}`, v]), "--json"),
        ) as { data: { session_id: string } }
      ).data.session_id;
    const commit = (file: string, text: string) => {
      writeFileSync(path.join(repo, file), text);
      git("add", file);
      git("commit", "-q", "-m", `Change ${file}`);
      return git("rev-parse", "HEAD");
    };
    try {
      git("init", "-q", "-b", "main");
      git("config", "user.email", "dev@example.com");
      git("config", "user.name", "Dev");
      commit("README.md", "hello\n");
      git("checkout", "-q", "-b", "feature");
      // Commit times have whole seconds: the README's commit must fall before the session's start second.
      await nextSecond();
      const failed = start("Failed but shipped");
      await nextSecond();
      commit("a.txt", "1\n2\n3\n");
      await nextSecond();
      cli("end", "--session-id", failed, "--outcome", "failed");
      git("checkout", "-q", "main");
      git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
      const success = start("Success but reverted");
      await nextSecond();
      const reverted = commit("b.txt", "x\n");
      await nextSecond();
      cli("end", "--session-id", success, "--outcome", "success");
      git("revert", "--no-edit", reverted);
      cli("outcomes");

      cpSync(data, path.join(FIXTURE_ROOT, DEV), { recursive: true });
      await waitForIngest(DEV);

      const q = `developer=${DEV}&range=all`;
      const body = await (await page.request.get(`/api/v1/ship-rates?${q}`)).json();
      expect(body.total).toMatchObject({
        sessions: 2,
        sessions_committed: 2,
        sessions_decided: 2,
        sessions_shipped: 1,
        ship_rate: 0.5,
        lines_shipped: 3,
        lines_changed: 4,
        success_not_shipped: 1,
        failed_but_shipped: 1,
      });
      expect(
        body.disagreements.map((d: { session_id: string; kind: string }) => [d.session_id, d.kind]),
      ).toEqual([
        [success, "success_not_shipped"],
        [failed, "failed_but_shipped"],
      ]);
      const csv = (await (await page.request.get(`/api/v1/ship-rates?${q}&group=project&format=csv`)).text())
        .trim()
        .split(/\r?\n/);
      expect(
        csv[0]?.startsWith(
          "key,sessions,sessions_with_evidence,sessions_committed,sessions_decided,sessions_shipped,ship_rate",
        ),
      ).toBe(true);
      expect(csv[1]?.startsWith("git-e2e,2,2,2,2,1,0.5,4,3,")).toBe(true);

      // The ROI method's outcome signal, switched through PUT /api/v1/settings and back.
      const headers = { Origin: new URL(baseURL ?? "").origin, "Content-Type": "application/json" };
      const putSignal = (signal: string) =>
        page.request.put("/api/v1/settings", { headers, data: JSON.stringify({ outcome_signal: signal }) });
      const method = async () => (await (await page.request.get(`/api/v1/summary?${q}`)).json()).method;
      expect((await method()).outcome_signal).toEqual({ signal: "self_report", from_git: 0, self_report: 2 });
      expect((await putSignal("git")).status()).toBe(400);
      expect((await putSignal("shipped")).status()).toBe(200);
      try {
        const m = await method();
        expect(m.outcome_signal).toEqual({ signal: "shipped", from_git: 2, self_report: 0 });
        expect(m.by_outcome).toEqual({ success: 1, partial: 0, failed: 1, other: 0 });
        await page.goto(`/?${q}`);
        const receipt = page.getByTestId("receipt-hours-saved");
        await receipt.getByText("Receipt").click();
        await expect(receipt).toContainText("outcome: shipped (git) for 2 sessions, self-report for 0");
      } finally {
        expect((await putSignal("self_report")).status()).toBe(200);
      }
      expect((await method()).outcome_signal.signal).toBe("self_report");

      await page.goto(`/shipped?${q}`);
      await expect(page.getByTestId("ship-rate")).toHaveText("50 %");
      await expect(page.getByTestId("ship-rates-developer")).toContainText(DEV);
      await expect(page.getByTestId("ship-disagreements")).toContainText("Failed but shipped");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      await page.getByRole("link", { name: "Failed but shipped" }).click();
      const card = page.getByTestId("session-commits");
      await expect(card).toContainText("Shipped");
      await expect(card).toContainText("reported failed, but shipped");
      await expect(card).toContainText("Change a.txt");
    } finally {
      rmSync(path.join(FIXTURE_ROOT, DEV), { recursive: true, force: true });
      rmSync(machine, { recursive: true, force: true });
      await waitForIngest(DEV, false);
    }
  },
);
