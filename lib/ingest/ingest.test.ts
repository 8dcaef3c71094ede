import { execFileSync } from "node:child_process";
import {
  cpSync,
  promises as fs,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { parseSessionsFile } from "ai-session-tracker-mcp/contract";
import { summarizeCodeMetrics } from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { ALL_MESS, type MessKind, makeTeamFolder, type TeamFolderManifest } from "@/scripts/make-team-folder";
import {
  actualFigures,
  expectedFigures,
  holdingViolations,
  makeStoreSandbox,
  type StoreSandbox,
  snapshotRows,
  totalsViolations,
} from "@/test-support/ingest";
import { WORKED_EXAMPLE_FIGURES } from "@/test-support/queries";
import { getTrackerData } from "@/test-support/tracker-data";
import { classifyFileName } from "./file-names";
import { scanRoot } from "./scan";

const FIXTURES = path.resolve(__dirname, "../../mcp-server/test/fixtures/upstream");
const NOW = "2026-06-01T00:00:00Z";

// On the run's engine (SQLite, or PostgreSQL in the portal-postgres project).
let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const count = async (table: string) =>
  Number((await sb.store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n);

function generate(mess: readonly MessKind[] = [], extra: { developers?: number; sessions?: number } = {}) {
  return makeTeamFolder({
    root: sb.root,
    seed: 7,
    developers: extra.developers ?? 6,
    sessionsPerDeveloper: extra.sessions ?? 40,
    interactionsPerSession: 3,
    now: NOW,
    mess,
  });
}

async function assertMatchesTruth(m: TeamFolderManifest) {
  for (const dev of m.developers) {
    expect(await actualFigures(sb.store, dev.name), `developer ${dev.name}`).toEqual(expectedFigures([dev]));
  }
  expect(await actualFigures(sb.store), "team").toEqual(expectedFigures(m.developers));
  expect(await count("developers")).toBe(m.developers.length);
  expect(await holdingViolations(sb.store)).toEqual([]);
  expect(await totalsViolations(sb.store)).toEqual([]);
}

describe("file names", () => {
  it("recognises the four files and each sync tool's conflict copies, nothing else", () => {
    expect(classifyFileName("sessions.json")).toMatchObject({ kind: "sessions", copyKind: "primary" });
    expect(classifyFileName("interactions-LAPTOP-7QK2.json")).toMatchObject({
      kind: "interactions",
      copyKind: "onedrive",
      copyOf: "interactions.json",
      label: "LAPTOP-7QK2",
    });
    expect(classifyFileName("sessions (Jane Doe's conflicted copy 2026-05-30).json")).toMatchObject({
      kind: "sessions",
      copyKind: "dropbox",
      label: "Jane Doe",
    });
    expect(classifyFileName("issues.sync-conflict-20260530-101500-ABCDEF1.json")).toMatchObject({
      kind: "issues",
      copyKind: "syncthing",
      label: "ABCDEF1",
    });
    expect(classifyFileName("requests (1).json")).toMatchObject({ kind: "requests", copyKind: "numbered" });
    for (const name of [
      ".credentials.json",
      "sessions.json.bak",
      ".sessions.json.tmp-1",
      "notes.json",
      "desktop.ini",
    ]) {
      expect(classifyFileName(name), name).toBeNull();
    }
  });
});

describe("scan of a generated team folder", () => {
  it("loads a clean team with exact counts and ROI per developer and for the team", async () => {
    const m = generate();
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesFailed).toBe(0);
    expect(r.rootError).toBeNull();
    await assertMatchesTruth(m);
  });

  it.each(ALL_MESS.map((k) => [k]))("before and after mess %s: figures stay exact", async (kind) => {
    const clean = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    await assertMatchesTruth(clean);
    const messy = generate([kind]);
    // The symlink mess links a project folder outside the root in: allowed explicitly.
    const r = await scanRoot({ db: sb.store, root: sb.root, extraRoots: [`${sb.root}.external`] });
    await assertMatchesTruth(messy);
    expect(r.filesFailed).toBe(messy.brokenFiles.length);
    // Back to clean: copies and extra folders vanish, their unique rows with them.
    const again = generate();
    await scanRoot({ db: sb.store, root: sb.root, extraRoots: [`${sb.root}.external`] });
    await assertMatchesTruth(again);
  });

  it("all mess at once from cold: exact figures, broken files recorded, copies listed per source", async () => {
    const m = generate(ALL_MESS);
    const opened: string[] = [];
    const r = await scanRoot({
      db: sb.store,
      root: sb.root,
      extraRoots: [`${sb.root}.external`],
      readFile: (p) => {
        opened.push(p);
        return fs.readFile(p);
      },
    });
    await assertMatchesTruth(m);
    // Only tracker files (and conflict copies) are ever opened.
    for (const p of opened) expect(classifyFileName(path.basename(p)), p).not.toBeNull();
    expect(opened.some((p) => p.includes("credentials"))).toBe(false);
    expect(r.files.filter((f) => f.action === "failed").map((f) => f.relPath)).toEqual(
      [...m.brokenFiles].sort(),
    );
    expect(r.discover.skippedLinks.map((l) => l.relPath).sort()).toEqual(["frank/loop", "frank/up"]);

    const status = await getSourcesStatus({ db: sb.store, nowMs: Date.parse(NOW), staleDays: 14 });
    const copies = status.sources.flatMap((s) => s.mergedCopies.map((c) => `${s.relPath}/${c.name}`));
    expect(copies.sort()).toEqual([...m.conflictCopies].sort());
    const broken = status.sources.flatMap((s) => s.errors.map((e) => `${s.relPath}/${e.name}`));
    expect(broken.sort()).toEqual([...m.brokenFiles].sort());
    const onedrive = status.sources
      .find((s) => s.relPath === "alice")
      ?.mergedCopies.find((c) => c.name === "sessions-LAPTOP-7QK2.json");
    expect(onedrive).toMatchObject({
      copyKind: "onedrive",
      records: 20,
      sessionsOverlapping: 12,
      sessionsOnlyHere: 8,
    });
  });

  it("never opens .credentials.json even when it is a FIFO that would block a reader", async () => {
    const m = generate(["credentials"]);
    rmSync(path.join(sb.root, "alice", ".credentials.json"));
    execFileSync("mkfifo", [path.join(sb.root, "alice", ".credentials.json")]);
    execFileSync("mkfifo", [path.join(sb.root, "alice", "sessions-FIFO.json")]);
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesFailed).toBe(0);
    await assertMatchesTruth(m);
  });

  it("sessions of different developers with equal ids never merge", async () => {
    const m = generate(["sameIds"]);
    await scanRoot({ db: sb.store, root: sb.root });
    const id = Object.keys(m.developers[0]?.sessions ?? {})[0];
    const rows = await sb.store.all("SELECT developer_id FROM sessions WHERE session_id = ?", [id]);
    expect(rows).toHaveLength(2);
    await assertMatchesTruth(m);
  });
});

describe("reference counting across edits", () => {
  it("duplicates inside a file, removals and re-adds keep holders exact", async () => {
    const m = generate(["onedrive"]);
    await scanRoot({ db: sb.store, root: sb.root });
    const file = path.join(sb.root, "alice", "interactions.json");
    const original = JSON.parse(readFileSync(file, "utf8")) as unknown[];
    const bump = (content: unknown[], seconds: number) => {
      writeFileSync(file, JSON.stringify(content, null, 2));
      const t = new Date(Date.now() + seconds * 1000);
      return fs.utimes(file, t, t);
    };
    // The same record twice in one file, and one record dropped.
    await bump([original[0], ...original.slice(0, -1)], 10);
    await scanRoot({ db: sb.store, root: sb.root });
    expect(await holdingViolations(sb.store)).toEqual([]);
    expect(await totalsViolations(sb.store)).toEqual([]);
    // Back to the original content: the dropped record returns, the duplicate goes.
    await bump(original, 20);
    await scanRoot({ db: sb.store, root: sb.root });
    expect(await holdingViolations(sb.store)).toEqual([]);
    expect(await totalsViolations(sb.store)).toEqual([]);
    await assertMatchesTruth(m);
  });
});

describe("per-session interaction totals", () => {
  it("are rebuilt when the ingest opens a database ingested before they existed, and the check bites", async () => {
    generate(["dropbox", "syncthing"]);
    await scanRoot({ db: sb.store, root: sb.root });
    const before = await count("session_interaction_totals");
    expect(before).toBeGreaterThan(0);

    await sb.store.run(
      `UPDATE session_interaction_totals SET rated_4 = rated_4 + 1
       WHERE (developer_id, session_id) = (SELECT developer_id, session_id FROM session_interaction_totals LIMIT 1)`,
    );
    expect(await totalsViolations(sb.store)).toHaveLength(1);

    // As an older database: the table exists (migration applied) but is empty.
    await sb.store.run("DELETE FROM session_interaction_totals");
    expect((await totalsViolations(sb.store)).length).toBeGreaterThan(0);
    // The store fills them when it is created (the first pass on a new connection; nothing else changed).
    const reopened = await sb.another();
    await scanRoot({ db: reopened, root: sb.root });
    expect(await count("session_interaction_totals")).toBe(before);
    expect(await totalsViolations(sb.store)).toEqual([]);
  });
});

describe("sources status", () => {
  it("flags a source stale when no file changed for staleDays, and reports last change/ingest and counts", async () => {
    const m = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    const now = Date.now();
    const fresh = await getSourcesStatus({ db: sb.store, nowMs: now, staleDays: 14 });
    expect(fresh.totals.stale).toBe(0);
    expect(fresh.lastRun?.filesIngested).toBe(m.files.length);
    const alice = fresh.sources.find((s) => s.relPath === "alice");
    expect(alice?.counts.sessions).toBe(Object.keys(m.developers[0]?.sessions ?? {}).length);
    expect(alice?.lastFileChangeMs).toBeLessThanOrEqual(now);
    expect(alice?.lastIngestMs).toBeGreaterThanOrEqual(alice?.lastFileChangeMs ?? 0);
    const later = await getSourcesStatus({ db: sb.store, nowMs: now + 15 * 86_400_000, staleDays: 14 });
    expect(later.totals.stale).toBe(later.sources.length);
  });
});

describe("incremental and idempotent", () => {
  it("a rescan with nothing changed opens no file and changes no row", async () => {
    generate(ALL_MESS);
    await scanRoot({ db: sb.store, root: sb.root });
    const before = await snapshotRows(sb.store);
    const opened: string[] = [];
    const r = await scanRoot({
      db: sb.store,
      root: sb.root,
      readFile: (p) => {
        opened.push(p);
        return fs.readFile(p);
      },
    });
    expect(opened).toEqual([]);
    expect(r.filesIngested + r.filesRemoved + r.filesFailed).toBe(0);
    expect(r.runId).toBeNull();
    expect(await snapshotRows(sb.store)).toBe(before);
  });

  it("a touched file with the same content re-reads but changes no data row", async () => {
    generate();
    await scanRoot({ db: sb.store, root: sb.root });
    const sessionRows = () => sb.store.all("SELECT * FROM sessions ORDER BY id");
    const before = await sessionRows();
    const file = path.join(sb.root, "alice", "sessions.json");
    const t = new Date(Date.now() + 5000);
    await fs.utimes(file, t, t);
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.files).toEqual([
      { relPath: "alice/sessions.json", developer: "alice", action: "unchanged-content" },
    ]);
    expect(await sessionRows()).toEqual(before);
  });

  it("a changed file replaces exactly its own contribution; a deleted copy keeps what others hold", async () => {
    const m = generate(["onedrive"]);
    await scanRoot({ db: sb.store, root: sb.root });
    await assertMatchesTruth(m);
    const alice = m.developers.find((d) => d.name === "alice");
    if (!alice) throw new Error("no alice");
    // Edit one session in the primary file: it must change, nothing else.
    const primary = path.join(sb.root, "alice", "sessions.json");
    const data = JSON.parse(readFileSync(primary, "utf8")) as Record<string, Record<string, unknown>>;
    const firstId = Object.keys(data)[0] as string;
    (data[firstId] as Record<string, unknown>).final_estimate_minutes = 999;
    writeFileSync(primary, JSON.stringify(data, null, 2));
    (alice.sessions[firstId] as Record<string, unknown>).final_estimate_minutes = 999;
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesIngested).toBe(1);
    await assertMatchesTruth(m);
    // Delete the OneDrive copies: sessions only they held go, overlapping ones (now in their primary,
    // degraded version) stay.
    for (const rel of m.conflictCopies) unlinkSync(path.join(sb.root, rel));
    const r2 = await scanRoot({ db: sb.store, root: sb.root });
    expect(r2.filesRemoved).toBe(m.conflictCopies.length);
    const primarySessions = parseSessionsFile(JSON.parse(readFileSync(primary, "utf8"))).records;
    const rows = (await getTrackerData({ db: sb.store, developer: "alice" })).sessions;
    expect(rows.map((s) => s.id).sort()).toEqual(primarySessions.map((s) => s.id).sort());
    // The overlapping sessions fell back to the primary's (active) versions.
    const byId = new Map(rows.map((s) => [s.id, s]));
    for (const s of primarySessions) expect(byId.get(s.id)?.status).toBe(s.status);
    // Interactions the primary also held survive; those only the copy held are gone.
    const primaryInteractions = JSON.parse(
      readFileSync(path.join(sb.root, "alice", "interactions.json"), "utf8"),
    ) as unknown[];
    expect((await getTrackerData({ db: sb.store, developer: "alice" })).interactions).toHaveLength(
      primaryInteractions.length,
    );
    const held = await sb.store.get(
      'SELECT max(holders) AS "maxHolders", min(holders) AS "minHolders" FROM interactions',
    );
    expect(held).toEqual({ maxHolders: 1, minHolders: 1 });
  });

  it("a truncated file keeps its previous rows, is recorded, and is retried when it changes", async () => {
    const m = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    const before = await snapshotRows(sb.store);
    const file = path.join(sb.root, "bob", "web-app", "interactions.json");
    const good = readFileSync(file);
    truncateSync(file, Math.floor(good.length / 2));
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesFailed).toBe(1);
    await assertMatchesTruth(m);
    const row = await sb.store.get<{ status: string; lastError: string }>(
      'SELECT status, last_error AS "lastError" FROM source_files WHERE rel_path = ?',
      ["bob/web-app/interactions.json"],
    );
    expect(row?.status).toBe("error");
    expect(row?.lastError).toMatch(/not valid JSON/);
    // Not retried while unchanged…
    const again = await scanRoot({ db: sb.store, root: sb.root });
    expect(again.filesFailed + again.filesIngested).toBe(0);
    // …and healed when the sync completes (same content as before: data rows identical).
    writeFileSync(file, good);
    const healed = await scanRoot({ db: sb.store, root: sb.root });
    expect(healed.files[0]?.action).toBe("unchanged-content");
    await assertMatchesTruth(m);
    const dataTables = (s: string) => (JSON.parse(s) as unknown[]).slice(4, 10);
    expect(dataTables(await snapshotRows(sb.store))).toEqual(dataTables(before));
  });

  it("refuses a file above the size limit with a clear error and keeps its rows", async () => {
    const m = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    const file = path.join(sb.root, "alice", "interactions.json");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n`);
    const r = await scanRoot({ db: sb.store, root: sb.root, maxFileBytes: 1024 });
    expect(r.files[0]).toMatchObject({ action: "refused" });
    expect(r.files[0]?.error).toMatch(/above the 0\.0 MiB limit/);
    await assertMatchesTruth(m);
  });

  it("a missing root removes nothing", async () => {
    const m = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    const before = await snapshotRows(sb.store);
    const moved = `${sb.root}-away`;
    await fs.rename(sb.root, moved);
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.rootError).toMatch(/not readable/);
    expect(await snapshotRows(sb.store)).toBe(before);
    await fs.rename(moved, sb.root);
    await assertMatchesTruth(m);
  });

  it("an unreadable developer folder keeps its rows", async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions
    const m = generate();
    await scanRoot({ db: sb.store, root: sb.root });
    await fs.chmod(path.join(sb.root, "carol"), 0o000);
    try {
      const r = await scanRoot({ db: sb.store, root: sb.root });
      expect(r.filesRemoved).toBe(0);
      await assertMatchesTruth(m);
    } finally {
      await fs.chmod(path.join(sb.root, "carol"), 0o755);
    }
  });
});

describe("upstream fixtures", () => {
  it("worked-example loads with the spec §3.12 figures", async () => {
    mkdirSync(sb.root, { recursive: true });
    cpSync(path.join(FIXTURES, "worked-example"), path.join(sb.root, "worked-example"), { recursive: true });
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesFailed).toBe(0);
    const fig = await actualFigures(sb.store, "worked-example");
    expect(fig.sessions).toBe(5);
    expect(fig.interactions).toBe(7);
    expect(fig.issues).toBe(2);
    expect(fig.roi).toEqual(WORKED_EXAMPLE_FIGURES.roi);
    const cm = await sb.store.get("SELECT count(*) AS n, sum(lines_added) AS added FROM code_metrics");
    expect(cm).toEqual({ n: 3, added: 28 });
  });

  it("run1 loads: 3 sessions, its interactions, issue, requests and code metrics", async () => {
    mkdirSync(sb.root, { recursive: true });
    cpSync(path.join(FIXTURES, "run1"), path.join(sb.root, "jane"), { recursive: true });
    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(r.filesFailed).toBe(0);
    const json = (f: string) => JSON.parse(readFileSync(path.join(FIXTURES, "run1", f), "utf8")) as unknown[];
    const data = await getTrackerData({ db: sb.store, developer: "jane" });
    expect(data.sessions).toHaveLength(3);
    expect(data.interactions).toHaveLength(json("interactions.json").length);
    expect(data.issues).toHaveLength(json("issues.json").length);
    expect(data.requests).toHaveLength(json("requests.json").length);
    const summary = summarizeCodeMetrics(data.sessions);
    expect(summary.total_functions).toBe(3);
    expect(summary.total_lines_added).toBe(28);
    const s1 = data.sessions.find((s) => s.id === "add_jwt_auth_middleware_20261122_014939");
    expect(s1?.token_stats?.token_stats.total_in).toBe(27000);
    const row = await sb.store.get(
      "SELECT project, estimate_minutes AS est, status FROM sessions WHERE session_id = ?",
      ["add_jwt_auth_middleware_20261122_014939"],
    );
    expect(row).toEqual({ project: "payments-api", est: 60, status: "completed" });
  });
});
