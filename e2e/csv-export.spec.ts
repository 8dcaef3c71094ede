/**
 * CSV export (issue 11): "Export CSV" on the sessions table with filters applied downloads exactly the
 * filtered sessions; the file is parsed with a real CSV parser (csv-parse), not the app's encoder; a
 * planted `=HYPERLINK(…)` session name comes out neutralised. `format=csv` needs the `export` scope: a
 * read-only token gets 403, an export token gets the file (and the chargeback table). The planted folder
 * is removed afterwards (other journeys assert exact figures).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { authTest, expect } from "./fixtures";
import { addDeveloperSessions, removeDeveloperFolder, testSession } from "./fixtures/shared-folder";
import { createToken } from "./fixtures/tokens";

const DEV = "zz-csv-export";
const HOSTILE = '=HYPERLINK("http://evil.example/x","click")';
const SESSIONS = [
  testSession("csv_a_20260530_100000", { project: "csv-proj", session_name: HOSTILE }),
  testSession("csv_b_20260531_100000", {
    project: "csv-proj",
    session_name: 'plain, with comma and "quotes"\nand a newline',
    start_time: "2026-05-31T10:00:00+00:00",
    end_time: "2026-05-31T10:45:00+00:00",
  }),
  testSession("csv_c_20260601_100000", {
    project: "other-proj",
    start_time: "2026-06-01T10:00:00+00:00",
    end_time: "2026-06-01T11:00:00+00:00",
  }),
];
// The oracle: the planted sessions the filter developer=DEV & project=csv-proj selects.
const EXPECTED = SESSIONS.filter((s) => s.project === "csv-proj")
  .map((s) => String(s.id))
  .sort();
const FILTER = `range=all&developer=${DEV}&project=csv-proj`;

type Row = Record<string, string>;
const parseCsv = (text: string): Row[] => parse(text, { columns: true, bom: true, skip_empty_lines: true });

authTest.describe("CSV export", () => {
  authTest.beforeAll(async () => {
    await addDeveloperSessions(DEV, SESSIONS);
  });
  authTest.afterAll(async () => {
    await removeDeveloperFolder(DEV);
  });

  authTest(
    "Export CSV on the filtered sessions table downloads the filtered set, formulas neutralised",
    async ({ page }) => {
      await page.goto(`/sessions?${FILTER}`);
      const table = page.getByTestId("sessions-table");
      await expect(table).toContainText("2 sessions match");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        table.getByRole("link", { name: "Export CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^sessions_.*developer-zz-csv-export.*project-csv-proj.*\.csv$/,
      );
      const text = readFileSync((await download.path()) ?? "", "utf8");
      expect(text.includes("\r\n")).toBe(true);
      const rows = parseCsv(text);
      expect(rows.map((r) => r.session_id).sort()).toEqual(EXPECTED);
      expect(rows.every((r) => r.developer === DEV && r.project === "csv-proj")).toBe(true);
      const hostile = rows.find((r) => r.session_id === "csv_a_20260530_100000");
      expect(hostile?.session_name).toBe(`'${HOSTILE}`);
      const plain = rows.find((r) => r.session_id === "csv_b_20260531_100000");
      expect(plain?.session_name).toBe(SESSIONS[1]?.session_name);
      expect(plain?.duration_minutes).toBe("45");
    },
  );

  authTest(
    "format=csv needs the export scope; an export token gets the file and the chargeback",
    async ({ page, playwright, baseURL }) => {
      const stamp = Date.now();
      const readToken = await createToken(page, `e2e csv read ${stamp}`, { read: true, export: false });
      const exportToken = await createToken(page, `e2e csv export ${stamp}`, { read: false, export: true });
      const anon = await playwright.request.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
      });
      const as = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });

      const refused = await anon.get(`/api/v1/sessions?format=csv&${FILTER}`, as(readToken));
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.code).toBe("forbidden");
      expect((await anon.get(`/api/v1/sessions?format=csv&${FILTER}`)).status()).toBe(401);

      const ok = await anon.get(`/api/v1/sessions?format=csv&excel=1&${FILTER}`, as(exportToken));
      expect(ok.status()).toBe(200);
      expect(ok.headers()["content-type"]).toContain("text/csv");
      expect(ok.headers()["content-disposition"]).toMatch(/^attachment; filename="sessions_.*\.csv"$/);
      const body = await ok.body();
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(
        parseCsv(body.toString("utf8"))
          .map((r) => r.session_id)
          .sort(),
      ).toEqual(EXPECTED);

      const cb = await anon.get(`/api/v1/chargeback?format=csv&range=all&developer=${DEV}`, as(exportToken));
      expect(cb.status()).toBe(200);
      const cbRows = parseCsv(await cb.text());
      // Three sessions in two UTC months (May: csv-proj 2; June: other-proj 1).
      expect(cbRows.map((r) => [r.month, r.developer, r.project, r.sessions])).toEqual([
        ["2026-05", DEV, "csv-proj", "2"],
        ["2026-06", DEV, "other-proj", "1"],
      ]);
      // JSON needs `read`: the export-only token may not read it, the read token may.
      expect(
        (await anon.get(`/api/v1/chargeback?range=all&developer=${DEV}`, as(exportToken))).status(),
      ).toBe(403);
      const json = await anon.get(`/api/v1/chargeback?range=all&developer=${DEV}`, as(readToken));
      expect(json.status()).toBe(200);
      expect(((await json.json()) as { rows: unknown[] }).rows).toHaveLength(2);
    },
  );
});
