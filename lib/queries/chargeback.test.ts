import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeOf } from "@/lib/db/sqlite-store";
import { parseFilters } from "@/lib/filters";
import { chargebackOracle } from "@/test-support/chargeback-oracle";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import type { OracleSession } from "@/test-support/roi-method-oracle";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { type ChargebackRow, getChargeback } from "./get-chargeback";
import { getMethodSettings } from "./get-roi-method";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 10); // 10 Mar 2026
const SETTINGS = { rate: 130, seatPrice: 40, engagement: 1, partialWeight: 0.5 };

let env: StoreEnv;
let all: OracleSession[];
afterEach(() => env.cleanup());

/** A completed session of `dev` in `project` starting `daysAgo` before NOW, `hours` long. */
function s(id: string, daysAgo: number, project: string, extra: Record<string, unknown> = {}) {
  const start = NOW - daysAgo * DAY;
  return { ...timedSession({ id, start, end: start + HOUR, estimate: 150 }), project, ...extra };
}

beforeEach(async () => {
  env = await makeStoreEnv();
  const alice = [
    s("a1", 20, "web"), // February
    s("a2", 19, "api", { outcome: "partial" }),
    s("a3", 18, "api", { outcome: "failed" }),
    s("a4", 5, "web"), // March
    s("a5", 4, "web", { task_type: "human_review" }), // counted in sessions, not in value
  ];
  const bob = [s("b1", 25, '=HYPERLINK("x")'), s("b2", 3, "api"), s("b3", 2, "api")];
  writeDeveloper(env.root, "alice", alice);
  writeDeveloper(env.root, "bob", bob);
  all = [
    ...alice.map((record) => ({ developer: "alice", record })),
    ...bob.map((record) => ({ developer: "bob", record })),
  ];
  await ingest(env, NOW);
});

const inWindow = (fromMs: number, toMs: number, keep: (x: OracleSession) => boolean = () => true) =>
  all.filter((x) => {
    const ms = Date.parse(String(x.record.start_time));
    return ms >= fromMs && ms < toMs && keep(x);
  });

/** The app's rows reduced to the oracle's columns. */
const oracleShape = (rows: ChargebackRow[]) =>
  rows.map(({ month, developer, project, sessions, value_hours, ai_spend_usd }) => ({
    month,
    developer,
    project,
    sessions,
    value_hours,
    ai_spend_usd,
  }));

describe("monthly chargeback (month × developer × project)", () => {
  it("equals the oracle over 30 days: value hours, seat-month spend split by session share", async () => {
    const rows = await getChargeback({
      db: env.store,
      filters: parseFilters({ range: "30d" }),
      nowMs: NOW,
      method: await getMethodSettings({ db: env.store }),
    });
    const from = NOW - 30 * DAY;
    const o = chargebackOracle({
      view: inWindow(from, NOW),
      whole: inWindow(from, NOW),
      fromMs: from,
      toMs: NOW,
      settings: SETTINGS,
    });
    expect(oracleShape(rows)).toEqual(o);
    expect(rows.map((r) => `${r.month} ${r.developer} ${r.project}`)).toEqual([
      "2026-02 alice api",
      "2026-02 alice web",
      '2026-02 bob =HYPERLINK("x")',
      "2026-03 alice web",
      "2026-03 bob api",
    ]);
    // alice's February seat (8 Feb → 1 Mar: 21/28 = 0.75 month) split 2/3 api, 1/3 web
    const feb = rows.filter((r) => r.month === "2026-02" && r.developer === "alice");
    expect(feb.map((r) => r.ai_spend_usd)).toEqual(
      [0.67 * 0.75 * 40, 0.33 * 0.75 * 40].map((x) => Math.round(x * 100) / 100),
    );
  });

  it("a project filter keeps each developer's whole-month share (slices add up to the seat)", async () => {
    const rows = await getChargeback({
      db: env.store,
      filters: parseFilters({ range: "30d", project: "api" }),
      nowMs: NOW,
      method: await getMethodSettings({ db: env.store }),
    });
    const from = NOW - 30 * DAY;
    const o = chargebackOracle({
      view: inWindow(from, NOW, (x) => x.record.project === "api"),
      whole: inWindow(from, NOW),
      fromMs: from,
      toMs: NOW,
      settings: SETTINGS,
    });
    expect(oracleShape(rows)).toEqual(o);
    expect(rows.every((r) => r.project === "api")).toBe(true);
  });

  it("a developer's change reaches their rows: no cached part outlives an ingest", async () => {
    const read = async (project?: string) =>
      await getChargeback({
        db: env.store,
        filters: parseFilters({ range: "30d", ...(project ? { project } : {}) }),
        nowMs: NOW,
        method: await getMethodSettings({ db: env.store }),
      });
    await read();
    await read("api");
    // bob's file gains a March session in web: his March api share drops from 2/2 to 2/3.
    const b4 = s("b4", 1, "web");
    const bob = all.filter((x) => x.developer === "bob").map((x) => x.record);
    writeDeveloper(env.root, "bob", [...bob, b4]);
    all = [...all, { developer: "bob", record: b4 }];
    await ingest(env, NOW + 60_000);
    const from = NOW - 30 * DAY;
    for (const project of [undefined, "api"]) {
      const o = chargebackOracle({
        view: inWindow(from, NOW, (x) => project === undefined || x.record.project === project),
        whole: inWindow(from, NOW),
        fromMs: from,
        toMs: NOW,
        settings: SETTINGS,
      });
      expect(oracleShape(await read(project))).toEqual(o);
    }
    expect((await read("api")).find((r) => r.month === "2026-03" && r.developer === "bob")?.seat_share).toBe(
      0.67,
    );
  });
});
