/**
 * Measured AI spend end to end (issue 13): agent logs on a developer's machine (a Claude Code transcript
 * with a streaming repeat and an unknown model, a Codex rollout with a repeated cumulative event), the real
 * recorder CLI (`ai-session-tracker usage`) extracting them into usage.json, the share syncing a copy into
 * the portal's folder, and the same dollars on the Spend page, in /api/v1/spend (JSON and CSV) and as the
 * ROI method's measured spend in /api/v1/summary.
 *
 * Oracle (list prices, USD per million tokens, worked out by hand): Claude Sonnet 4.5 — 1,000,000 input ×
 * $3 + 200,000 output × $15 + 400,000 5-min writes × $3.75 + 100,000 1-h writes × $6 + 10,000,000 reads ×
 * $0.30 = $11.10; gpt-5-codex — 2,000,000 uncached input × $1.25 + 4,000,000 cached × $0.125 + 100,000
 * output × $10 = $4.00; total $15.10, plus 1 request of an unpriced model (never $0).
 */

import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIXTURE_ROOT } from "./fixture-folder";
import { authTest, expect, snap } from "./fixtures";
import { seriousViolations } from "./fixtures/axe";
import { testSession, waitForIngest } from "./fixtures/shared-folder";

const DEV = "zz-usage-developer";
const PROJECT = "usage-project";
const CLI = path.resolve("mcp-server/dist/cli/main.js");
const SID = "5e5e5e5e-2222-4333-8444-555555555555";
const CODEX_ID = "0199eeee-bbbb-7ccc-8ddd-eeeeeeeeeeee";

function run(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: env as NodeJS.ProcessEnv, encoding: "utf8" },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (items: unknown[]) => `${items.map((x) => JSON.stringify(x)).join("\n")}\n`;

function claudeLine(cwd: string, ts: string, model: string, id: string, usage: Record<string, unknown>) {
  return {
    cwd,
    sessionId: SID,
    version: "2.0.31",
    type: "assistant",
    message: {
      id: `msg_${id}`,
      role: "assistant",
      model,
      content: [{ type: "text", text: "SECRET" }],
      usage,
    },
    requestId: `req_${id}`,
    timestamp: ts,
  };
}

authTest(
  "measured spend: recorder extracts, the share syncs a copy, the portal shows the same dollars",
  async ({ page }, testInfo) => {
    const machine = mkdtempSync(path.join(tmpdir(), "e2e-usage-"));
    const cwd = path.join(machine, PROJECT);
    const data = path.join(machine, "data");
    const claude = path.join(machine, "claude");
    const codexHome = path.join(machine, "codex");
    mkdirSync(cwd, { recursive: true });
    const sonnetUsage = (output: number) => ({
      input_tokens: 1_000_000,
      cache_creation_input_tokens: 500_000,
      cache_read_input_tokens: 10_000_000,
      cache_creation: { ephemeral_5m_input_tokens: 400_000, ephemeral_1h_input_tokens: 100_000 },
      output_tokens: output,
    });
    const transcript = path.join(claude, "projects", cwd.replace(/[^a-zA-Z0-9]/g, "-"), `${SID}.jsonl`);
    mkdirSync(path.dirname(transcript), { recursive: true });
    writeFileSync(
      transcript,
      lines([
        {
          cwd,
          sessionId: SID,
          type: "user",
          message: { role: "user", content: "SECRET PROMPT" },
          timestamp: "2026-05-30T10:01:00.000Z",
        },
        // The same message streamed twice: counted once, with its final output count.
        claudeLine(cwd, "2026-05-30T10:02:00.000Z", "claude-sonnet-4-5-20250929", "A", sonnetUsage(100)),
        claudeLine(cwd, "2026-05-30T10:02:05.000Z", "claude-sonnet-4-5-20250929", "A", sonnetUsage(200_000)),
        claudeLine(cwd, "2026-05-30T10:03:00.000Z", "claude-e2e-unknown", "B", {
          input_tokens: 5,
          output_tokens: 5,
        }),
      ]),
    );
    const rollout = path.join(
      codexHome,
      "sessions",
      "2026",
      "05",
      "30",
      `rollout-2026-05-30T11-00-00-${CODEX_ID}.jsonl`,
    );
    mkdirSync(path.dirname(rollout), { recursive: true });
    const tokens = {
      timestamp: "2026-05-30T11:05:00.000Z",
      type: "event_msg",
      payload: {
        type: "token_count",
        info: {
          total_token_usage: {
            input_tokens: 6_000_000,
            cached_input_tokens: 4_000_000,
            output_tokens: 100_000,
            reasoning_output_tokens: 50_000,
          },
        },
      },
    };
    writeFileSync(
      rollout,
      lines([
        {
          timestamp: "2026-05-30T11:00:00.000Z",
          type: "session_meta",
          payload: { id: CODEX_ID, cwd, cli_version: "0.63.0" },
        },
        {
          timestamp: "2026-05-30T11:00:01.000Z",
          type: "turn_context",
          payload: { cwd, model: "gpt-5-codex" },
        },
        tokens,
        tokens, // Codex repeats the event: the cumulative totals did not move
      ]),
    );
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: machine,
      AI_OUTPUT_DIR: data,
      CLAUDE_CONFIG_DIR: claude,
      CODEX_HOME: codexHome,
    };
    const share = path.join(FIXTURE_ROOT, DEV, PROJECT);
    try {
      const extracted = await run(["usage", "--json"], cwd, env);
      expect(extracted.code).toBe(0);
      expect(JSON.parse(extracted.stdout).data).toMatchObject({
        requests_added: 3,
        unpriced_models: ["claude-e2e-unknown"],
      });
      // The share syncs a copy of the developer's data folder (a session of the same day beside the usage).
      mkdirSync(share, { recursive: true });
      writeFileSync(
        path.join(share, "sessions.json"),
        JSON.stringify({ usage_e2e_1: testSession("usage_e2e_1", { project: PROJECT }) }),
      );
      copyFileSync(path.join(data, "usage.json"), path.join(share, "usage.json"));
      await waitForIngest(DEV);

      const q = `developer=${DEV}&range=all`;
      await expect
        .poll(async () => (await (await page.request.get(`/api/v1/spend?${q}`)).json()).total?.requests, {
          timeout: 15_000,
        })
        .toBe(3);
      const body = await (await page.request.get(`/api/v1/spend?${q}`)).json();
      expect(body.total).toMatchObject({ cost_usd: 15.1, unpriced_requests: 1, output_tokens: 300_005 });
      expect(body.unpriced_models).toEqual(["claude-e2e-unknown"]);
      expect(body.by_model.map((m: { key: string; cost_usd: number | null }) => [m.key, m.cost_usd])).toEqual(
        [
          ["claude-sonnet-4-5-20250929", 11.1],
          ["gpt-5-codex", 4],
          ["claude-e2e-unknown", null],
        ],
      );

      // Joined to the session (10:00–10:20 in the project): Claude's requests fall in it, Codex's (11:05) do not.
      expect(body.matching.matched).toMatchObject({ cost_usd: 11.1, requests: 2, unpriced_requests: 1 });
      expect(body.matching.no_session).toMatchObject({ cost_usd: 4, requests: 1 });
      expect(body.matching.other_project).toMatchObject({ cost_usd: null, requests: 0 });

      const csv = await (await page.request.get(`/api/v1/spend?${q}&format=csv`)).text();
      const rows = csv.trim().split(/\r?\n/);
      expect(rows[0]).toBe(
        "month,developer,project,model,requests,input_tokens,output_tokens,cache_write_5m_tokens,cache_write_1h_tokens,cache_read_tokens,reasoning_output_tokens,cost_usd,unpriced_requests",
      );
      expect(rows).toContain(
        `2026-05,${DEV},${PROJECT},claude-sonnet-4-5-20250929,1,1000000,200000,400000,100000,10000000,0,11.1,0`,
      );
      expect(rows).toContain(`2026-05,${DEV},${PROJECT},gpt-5-codex,1,2000000,100000,0,0,4000000,50000,4,0`);

      // The raw rows (GET /api/v1/usage, JSON and CSV) add up to the Spend totals worked out above.
      type UsageRow = { requests: number; output_tokens: number; cost_usd: number | null; model: string };
      const usage = await (await page.request.get(`/api/v1/usage?${q}&pageSize=200`)).json();
      const urows: UsageRow[] = usage.rows;
      expect(usage.total).toBe(urows.length);
      expect(urows.reduce((n, r) => n + r.requests, 0)).toBe(3);
      expect(urows.reduce((n, r) => n + r.output_tokens, 0)).toBe(300_005);
      expect(Math.round(urows.reduce((n, r) => n + (r.cost_usd ?? 0), 0) * 100) / 100).toBe(15.1);
      expect(urows.filter((r) => r.cost_usd === null).map((r) => [r.model, r.requests])).toEqual([
        ["claude-e2e-unknown", 1],
      ]);
      const usageCsv = (await (await page.request.get(`/api/v1/usage?${q}&format=csv`)).text())
        .trim()
        .split(/\r?\n/);
      const header = usageCsv[0]?.split(",") ?? [];
      expect(usageCsv).toHaveLength(urows.length + 1);
      const costAt = header.indexOf("cost_usd");
      const csvCost = usageCsv.slice(1).reduce((n, l) => n + Number(l.split(",")[costAt] || 0), 0);
      expect(Math.round(csvCost * 100) / 100).toBe(15.1);
      // Task type does not apply to usage: a clear 400, not ignored.
      expect((await page.request.get(`/api/v1/usage?${q}&task=x`)).status()).toBe(400);

      // The ROI method charges this developer's measured usage instead of a seat.
      const summary = await (await page.request.get(`/api/v1/summary?${q}`)).json();
      expect(summary.method.spend).toMatchObject({
        basis: "measured",
        measured_usd: 15.1,
        usd: 15.1,
        unpriced_requests: 1,
      });

      await page.goto(`/spend?${q}`);
      await expect(page.getByTestId("spend-total-usd")).toHaveText("$15.10");
      await expect(page.getByTestId("spend-unpriced")).toContainText("claude-e2e-unknown");
      // One counted session (successful): the measured cost per session and per successful session.
      await expect(page.getByTestId("spend-perSession")).toHaveText("$15.10");
      await expect(page.getByTestId("spend-perSuccessfulSession")).toHaveText("$15.10");
      await expect(page.getByTestId("spend-matching-noSession")).toContainText("$4.00");
      await expect(page.getByTestId("spend-models")).toContainText("unpriced");
      await expect(page.getByTestId("export-csv-spend")).toHaveAttribute(
        "href",
        /\/api\/v1\/spend\?.*format=csv/,
      );
      await snap(page, "spend-page", testInfo);
      expect(await seriousViolations(page)).toEqual([]);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(scroll).toBe(true);

      // The same dollars per session: the most expensive session is the one the Claude usage overlaps;
      // its API body and its page show $11.10 (Sonnet 4.5 by hand above) and the unpriced request.
      expect(body.by_day.map((d: { key: string; cost_usd: number | null }) => d.cost_usd)).toEqual([15.1]);
      expect(body.top_sessions).toHaveLength(1);
      expect(body.top_sessions[0]).toMatchObject({ cost_usd: 11.1, requests: 2, unpriced_requests: 1 });
      const sessionId = body.top_sessions[0].id;
      await expect(page.getByTestId("spend-top-sessions")).toContainText("$11.10");
      const detail = await (await page.request.get(`/api/v1/sessions/${sessionId}`)).json();
      expect(detail.usage).toMatchObject({
        cost_usd: 11.1,
        requests: 2,
        unpriced_requests: 1,
        unpriced_models: ["claude-e2e-unknown"],
        output_tokens: 200_005,
      });
      await page.goto(`/sessions/${sessionId}`);
      await expect(page.getByTestId("session-usage")).toContainText("$11.10");
      await expect(page.getByTestId("session-usage-unpriced")).toContainText("claude-e2e-unknown");

      // The overview's ROI method: its spend receipt names the measured dollars.
      await page.goto(`/?${q}`);
      const receipt = page.getByTestId("receipt-spend");
      await receipt.getByText("Receipt").click();
      await expect(receipt).toContainText(
        "AI spend (measured) = $15.10 measured token usage of 1 developer(s)",
      );
    } finally {
      rmSync(path.join(FIXTURE_ROOT, DEV), { recursive: true, force: true });
      rmSync(machine, { recursive: true, force: true });
      await waitForIngest(DEV, false);
    }
  },
);
