/**
 * "For whom" and adoption (issue 10 items 2–3): the comparison tables' figures and sort, drill-downs from
 * a row and from chart elements, the project and model pages (404 for an unknown name), the "no project"
 * filter, and the adoption figures — each checked against `test-support/comparison-oracle.ts`, plain
 * arithmetic over the regenerated fixture records (numbers are read off the page, never formatted here
 * with the app's helpers).
 */

import type { Locator, Page } from "@playwright/test";
import { parseInteractionsFile, parseIssuesFile, parseSessionsFile } from "ai-session-tracker-mcp/contract";
import {
  type OracleDeveloper,
  type OracleRow,
  oracleAdoption,
  oracleByDeveloper,
  oracleBySessionField,
} from "../test-support/comparison-oracle";
import { fixtureDevelopers } from "./expected-figures";
import { FIXTURE_NOW } from "./fixture-folder";
import { expect, snap, authTest as test } from "./fixtures";
import { addDeveloperSessions, removeDeveloperFolder, testSession } from "./fixtures/shared-folder";

const truth: OracleDeveloper[] = fixtureDevelopers().map((d) => ({
  dev: d.name,
  sessions: parseSessionsFile(d.sessions).records,
  interactions: parseInteractionsFile(d.interactions).records,
  issues: parseIssuesFile(d.issues).records,
}));
const NOW = Date.parse(FIXTURE_NOW);

/** A figure as the page shows it ("1,234", "3.4 h", "56.2 %", "$2.35", "—") as a number, or null for "—". */
function figure(text: string): number | null {
  const t = text.trim();
  if (t === "—" || t === "") return null;
  const n = Number(t.replace(/[,$%h\s]/g, ""));
  if (Number.isNaN(n)) throw new Error(`not a figure: ${text}`);
  return n;
}

/** Rows of a comparison table: the name and the figures, column by column. */
async function tableRows(table: Locator): Promise<{ name: string; cells: (number | null)[] }[]> {
  const rows = table.locator("tbody tr");
  // The table streams in behind its skeleton after the heading.
  await expect(rows.first()).toBeVisible();
  const out: { name: string; cells: (number | null)[] }[] = [];
  for (const row of await rows.all()) {
    const texts = await row.locator("td").allInnerTexts();
    out.push({ name: (texts[0] ?? "").trim(), cells: texts.slice(1, 9).map(figure) });
  }
  return out;
}

/** Asserts a table's rows against the oracle (values shown to 1–2 decimals: half a unit of the last place). */
async function expectTable(table: Locator, expected: readonly OracleRow[], nameOf = (k: string) => k) {
  const rows = await tableRows(table);
  expect(rows.map((r) => r.name).sort()).toEqual(expected.map((e) => nameOf(e.key)).sort());
  for (const e of expected) {
    const r = rows.find((x) => x.name === nameOf(e.key));
    if (!r) throw new Error(`no row for ${e.key}`);
    const [sessions, days, value, perWeek, , success, eff, issues] = r.cells;
    expect(sessions, `${e.key} sessions`).toBe(e.sessions);
    expect(days, `${e.key} active days`).toBe(e.activeDays);
    expect(Math.abs((value ?? Number.NaN) - e.valueHours), `${e.key} value hours`).toBeLessThanOrEqual(0.051);
    expect(Math.abs((perWeek ?? Number.NaN) - (e.hoursSavedPerActiveWeek ?? Number.NaN))).toBeLessThanOrEqual(
      0.051,
    );
    if (e.successRatePct === null) expect(success).toBeNull();
    else
      expect(Math.abs((success ?? Number.NaN) - e.successRatePct), `${e.key} success`).toBeLessThanOrEqual(
        0.051,
      );
    expect(Math.abs((eff ?? Number.NaN) - e.effectiveness), `${e.key} effectiveness`).toBeLessThanOrEqual(
      0.0051,
    );
    expect(Math.abs((issues ?? Number.NaN) - (e.issuesPerSession ?? Number.NaN))).toBeLessThanOrEqual(0.0051);
  }
}

async function open(page: Page, url: string, heading: string | RegExp) {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** Opens the Projects or Models page (all time) and clicks the row named `key` in its for-whom table. */
async function openRow(page: Page, list: "projects" | "models", key: string) {
  await open(page, `/${list}?range=all`, list === "projects" ? "Projects" : "Models");
  await page.getByTestId(`comparison-${list}-table`).getByRole("link", { name: key, exact: true }).click();
}

const kpiSessions = (page: Page) => page.getByTestId("kpi-sessions-value");
const sessionsOf = (
  devs: readonly OracleDeveloper[],
  keep: (s: OracleDeveloper["sessions"][number]) => boolean,
) => devs.reduce((n, d) => n + d.sessions.filter(keep).length, 0);

test.describe("for whom", () => {
  test("developers, projects, models and task types side by side, equal to the oracle", async ({
    page,
  }, testInfo) => {
    await open(page, "/developers?range=all", "Developers");
    await expectTable(page.getByTestId("comparison-developers-table"), oracleByDeveloper(truth));
    await snap(page, "developers-for-whom", testInfo);

    await open(page, "/projects?range=all", "Projects");
    await expectTable(page.getByTestId("comparison-projects-table"), oracleBySessionField(truth, "project"));
    await open(page, "/models?range=all", "Models");
    await expectTable(page.getByTestId("comparison-models-table"), oracleBySessionField(truth, "model_name"));
    await open(page, "/task-types?range=all", "Task types");
    // Task types are shown as words ("code_generation" → "Code generation").
    const words = (k: string) => {
      const s = k.replace(/[_-]+/g, " ").trim();
      return s.charAt(0).toUpperCase() + s.slice(1);
    };
    await expectTable(
      page.getByTestId("comparison-task-types-table"),
      oracleBySessionField(truth, "task_type"),
      words,
    );
    await snap(page, "task-types", testInfo);

    // The Overview shows the same developer rows (top 10 by sessions; the fixture has fewer).
    await open(page, "/?range=all", "Overview");
    await expectTable(page.getByTestId("comparison-overview-table"), oracleByDeveloper(truth));
  });

  test("sort by a column: header click and URL, server-side; a bad column falls back visibly (400 in the API)", async ({
    page,
  }) => {
    await open(page, "/developers?range=all", "Developers");
    const card = page.getByTestId("comparison-developers");
    await card.locator('a[data-sort="hoursSaved"]').click();
    await expect(page).toHaveURL(/sort=hoursSaved&dir=desc/);
    await expect(page).toHaveURL(/range=all/);
    const byWeek = (dir: 1 | -1) =>
      oracleByDeveloper(truth)
        .sort((a, b) => dir * ((a.hoursSavedPerActiveWeek ?? 0) - (b.hoursSavedPerActiveWeek ?? 0)))
        .map((r) => r.key);
    const table = page.getByTestId("comparison-developers-table");
    await expect(table.locator("th[aria-sort=descending]")).toContainText("Saved / active week");
    expect((await tableRows(table)).map((r) => r.name)).toEqual(byWeek(-1));
    await card.locator('a[data-sort="hoursSaved"]').click();
    await expect(page).toHaveURL(/sort=hoursSaved&dir=asc/);
    await expect(table.locator("th[aria-sort=ascending]")).toContainText("Saved / active week");
    expect((await tableRows(table)).map((r) => r.name)).toEqual(byWeek(1));

    // Straight from the URL.
    await open(page, "/developers?range=all&sort=name&dir=asc", "Developers");
    expect((await tableRows(table)).map((r) => r.name)).toEqual(
      truth.map((d) => d.dev).sort((a, b) => a.localeCompare(b)),
    );

    await open(page, "/developers?range=all&sort=bogus", "Developers");
    await expect(page.getByTestId("sort-fallback")).toContainText("bogus");
    await expect(table.locator("th[aria-sort=descending]")).toContainText("Sessions");

    const bad = await page.request.get("/api/v1/projects?range=all&sort=bogus");
    expect(bad.status()).toBe(400);
    const ok = await page.request.get("/api/v1/task-types?range=all&sort=sessions&dir=asc");
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { rows: { task_type: string; sessions: number }[] };
    const expected = oracleBySessionField(truth, "task_type");
    expect(body.rows.map((r) => r.sessions)).toEqual(expected.map((r) => r.sessions).sort((a, b) => a - b));
  });

  test("drill-down from a row and from chart elements; project and model pages; unknown names are 404", async ({
    page,
  }, testInfo) => {
    const projects = oracleBySessionField(truth, "project");
    const project = projects[0];
    if (!project) throw new Error("fixture has no project");
    await openRow(page, "projects", project.key);
    await expect(page).toHaveURL(new RegExp(`/projects/${encodeURIComponent(project.key)}\\?range=all`));
    await expect(page.getByRole("heading", { level: 1, name: project.key })).toBeVisible();
    await expect(kpiSessions(page)).toHaveText(String(project.sessions));
    // Its own breakdowns: who used it, for what.
    const inProject = truth.map((d) => ({
      ...d,
      sessions: d.sessions.filter((s) => s.project === project.key),
    }));
    const devRows = await tableRows(page.getByTestId("detail-by-developer-table"));
    expect(devRows.map((r) => r.name).sort()).toEqual(
      inProject
        .filter((d) => d.sessions.length)
        .map((d) => d.dev)
        .sort(),
    );
    await expect(page.getByTestId("detail-by-task-table")).toBeVisible();
    await snap(page, "project-detail", testInfo);

    const models = oracleBySessionField(truth, "model_name");
    const model = models[0];
    if (!model) throw new Error("fixture has no model");
    await openRow(page, "models", model.key);
    await expect(page.getByRole("heading", { level: 1, name: model.key })).toBeVisible();
    await expect(kpiSessions(page)).toHaveText(String(model.sessions));
    await snap(page, "model-detail", testInfo);

    for (const url of ["/projects/no-such-project", "/models/no-such-model"]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
    }
    // A malformed escape is refused before any page runs (lib/server/bad-path.ts).
    expect((await page.goto("/projects/%E0%A4%A"))?.status()).toBe(400);

    // A bar of the task-type chart opens the Overview filtered to that task type.
    await open(page, "/?range=all", "Overview");
    await page.getByTestId("widget-task-types").locator(".recharts-bar-rectangle").first().click();
    await expect(page).toHaveURL(/task=/);
    const task = new URL(page.url()).searchParams.get("task") ?? "";
    await expect(kpiSessions(page)).toHaveText(String(sessionsOf(truth, (s) => s.task_type === task)));

    // A slice of the outcome donut opens the sessions with that outcome.
    await open(page, "/?range=all", "Overview");
    // A real click event on the slice's own element: the pointer at its bounding box's centre can land
    // on the donut's hole (the svg), which is not the slice.
    await page
      .getByTestId("widget-outcomes")
      .locator(".recharts-pie-sector path")
      .first()
      .dispatchEvent("click");
    await expect(page).toHaveURL(/\/sessions\?.*outcome=/);
    const outcome = new URL(page.url()).searchParams.get("outcome");
    const want = sessionsOf(truth, (s) => (outcome === "none" ? s.outcome === null : s.outcome === outcome));
    await expect(page.getByTestId("sessions-table")).toContainText(`${want} sessions match`);
  });

  test('"no project" as a filter in the URL, with its own page', async ({ page }) => {
    const DEV = "zz-whom-no-project";
    try {
      // Two sessions in a flat folder, with no project field: their project is empty.
      await addDeveloperSessions(DEV, [
        testSession("whom_no_project_a_20260530_100000"),
        testSession("whom_no_project_b_20260530_110000", {
          start_time: "2026-05-30T11:00:00+00:00",
          end_time: "2026-05-30T11:30:00+00:00",
        }),
      ]);
      await open(page, "/?range=all&project=/none", "Overview");
      await expect(kpiSessions(page)).toHaveText("2");
      await expect(page.getByRole("search", { name: "Dashboard filters" }).getByLabel("Project")).toHaveValue(
        "/none",
      );

      await open(page, "/projects?range=all", "Projects");
      await page.getByTestId("comparison-projects-table").getByRole("link", { name: "(no project)" }).click();
      await expect(page).toHaveURL(/\/projects\/%2Fnone\?range=all/);
      await expect(page.getByRole("heading", { level: 1, name: "(no project)" })).toBeVisible();
      await expect(kpiSessions(page)).toHaveText("2");
    } finally {
      await removeDeveloperFolder(DEV);
    }
  });
});

test.describe("adoption", () => {
  test("active developers, active days, silent folders and days since the last session equal the oracle", async ({
    page,
  }, testInfo) => {
    const SILENT = "zz-whom-silent";
    const from = "2026-05-25";
    const to = "2026-05-27";
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
    try {
      // A folder with a tracker file that holds no session: present, silent.
      await addDeveloperSessions(SILENT, []);
      const o = oracleAdoption(
        [...truth, { dev: SILENT, sessions: [], interactions: [] }],
        fromMs,
        toMs,
        NOW,
      );
      await open(page, `/developers?range=custom&from=${from}&to=${to}`, "Developers");
      const w = page.getByTestId("widget-adoption");
      await expect(w.getByTestId("adoption-active")).toHaveText(
        `${o.active.length} of ${truth.length + 1} developers recorded sessions in this range.`,
      );
      const rows = w.getByTestId("adoption-table").locator("tbody tr");
      await expect(rows).toHaveCount(truth.length + 1);
      for (const row of await rows.all()) {
        const [name, days] = await row.locator("td").allInnerTexts();
        const dev = (name ?? "").trim();
        expect(figure(days ?? ""), `${dev} active days`).toBe(o.activeDays[dev]);
        const since = await row.locator("[data-days-since]").getAttribute("data-days-since");
        expect(since === "" ? null : Number(since), `${dev} days since`).toBe(o.daysSinceLast[dev]);
      }
      const silent = w.getByTestId("adoption-silent");
      for (const d of o.silent) await expect(silent).toContainText(d);
      await expect(silent).toContainText(`(${o.silent.length})`);
      await snap(page, "developers-adoption", testInfo);

      // The Overview's compact figure agrees.
      await open(page, `/?range=custom&from=${from}&to=${to}`, "Overview");
      await expect(page.getByTestId("adoption-active-count")).toHaveText(
        `${o.active.length} / ${truth.length + 1}`,
      );
      await expect(page.getByTestId("adoption-silent-count")).toHaveText(String(o.silent.length));
    } finally {
      await removeDeveloperFolder(SILENT);
    }
  });
});
