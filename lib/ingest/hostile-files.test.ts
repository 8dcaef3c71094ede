/**
 * Files a hostile (or just unlucky) writer to the team share can drop: absurdly nested JSON, links to
 * files outside the root, FIFOs swapped in between the walk and the read. Real temp folders, a real
 * SQLite file, the real scan.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeStoreSandbox, type StoreSandbox, sessionRecord } from "@/test-support/ingest";
import { scanRoot } from "./scan";

let sb: StoreSandbox;
let outside: string;
beforeEach(async () => {
  sb = await makeStoreSandbox();
  mkdirSync(sb.root, { recursive: true });
  outside = mkdtempSync(path.join(tmpdir(), "ingest-outside-"));
});
afterEach(async () => {
  await sb.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

const sql = <T>(query: string, ...args: unknown[]): Promise<T[]> => sb.store.all<T>(query, args);
const sessionIds = async () =>
  (await sql<{ id: string }>("SELECT session_id AS id FROM sessions ORDER BY session_id")).map((r) => r.id);
const fileRow = async (relPath: string) =>
  (
    await sql<{
      status: string;
      lastError: string | null;
      skippedCount: number | null;
      skippedJson: string | null;
    }>(
      `SELECT status, last_error AS "lastError", skipped_count AS "skippedCount", skipped_json AS "skippedJson"
       FROM source_files WHERE rel_path = ?`,
      relPath,
    )
  )[0];
/** Every error text the portal stores (file errors and skipped-record reasons). */
const allStoredErrors = async () =>
  (
    await sql<{ e: string | null; s: string | null }>(
      "SELECT last_error AS e, skipped_json AS s FROM source_files",
    )
  )
    .flatMap((r) => [r.e ?? "", r.s ?? ""])
    .join("\n");

function writeSessions(rel: string, records: Record<string, unknown>[]): string {
  const file = path.join(sb.root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  const map: Record<string, unknown> = {};
  for (const r of records) map[String(r.id)] = r;
  writeFileSync(file, JSON.stringify(map));
  return file;
}

/** `{"<id>": {...session, "extra": [[[…depth…]]]}}` as text (JSON.stringify itself cannot build it). */
function nestedSessionText(id: string, depth: number): string {
  const head = JSON.stringify(sessionRecord(id)).slice(0, -1);
  return `${head},"extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

describe("deeply nested JSON", () => {
  it("a 20,000-level record is skipped with a reason; the rest of its file, other files and deletions still apply", async () => {
    writeSessions("alice/sessions.json", [sessionRecord("a1")]);
    // The hostile file: one normal session next to the nested one.
    const nested = path.join(sb.root, "bob", "sessions.json");
    mkdirSync(path.dirname(nested), { recursive: true });
    writeFileSync(
      nested,
      `{"b0":${JSON.stringify(sessionRecord("b0"))},"b1":${nestedSessionText("b1", 20_000)}}`,
    );
    // Files sorted after it must not starve.
    writeSessions("carol/sessions.json", [sessionRecord("c1")]);
    writeSessions("dave/sessions.json", [sessionRecord("d1")]);

    const first = await scanRoot({ db: sb.store, root: sb.root });
    expect(await sessionIds()).toEqual(["a1", "b0", "c1", "d1"]);
    const bob = await fileRow("bob/sessions.json");
    expect(bob?.status).toBe("ok");
    expect(bob?.skippedCount).toBe(1);
    expect(bob?.skippedJson).toContain("b1");
    expect(bob?.skippedJson).toMatch(/nested/);
    expect(first.filesIngested).toBe(4);

    // A later pass still works: a deletion applies.
    rmSync(path.join(sb.root, "dave"), { recursive: true });
    writeSessions("carol/sessions.json", [sessionRecord("c1"), sessionRecord("c2")]);
    const second = await scanRoot({ db: sb.store, root: sb.root });
    expect(second.filesRemoved).toBe(1);
    expect(await sessionIds()).toEqual(["a1", "b0", "c1", "c2"]);
  });

  it("files nested far beyond any record shape are recorded against the file; the pass goes on", async () => {
    // Top level of interactions.json nested 200,000 deep (about 400 KB): never a tracker record.
    const file = path.join(sb.root, "bob", "interactions.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    const deepTools = path.join(sb.root, "carol", "interactions.json");
    mkdirSync(path.dirname(deepTools), { recursive: true });
    writeFileSync(
      deepTools,
      `[{"session_id":"c1","timestamp":"2026-05-01T10:10:00+00:00","prompt":"p","effectiveness_rating":4,"tools_used":${"[".repeat(50_000)}${"]".repeat(50_000)}},` +
        `{"session_id":"c1","timestamp":"2026-05-01T10:20:00+00:00","prompt":"q","effectiveness_rating":5}]`,
    );
    writeSessions("carol/sessions.json", [sessionRecord("c1")]);
    writeSessions("zed/sessions.json", [sessionRecord("z1")]);

    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(await sessionIds()).toEqual(["c1", "z1"]);
    // The contract reads the deep array as one record that is not an object: left out, counted.
    expect(await fileRow("bob/interactions.json")).toMatchObject({ status: "ok", skippedCount: 1 });
    // 50,000 levels inside a record overflow the record validator: the file is recorded, not fatal.
    const carol = await fileRow("carol/interactions.json");
    expect(carol?.status).toBe("error");
    expect(carol?.lastError).toMatch(/nested too deeply/);
    expect(r.filesFailed).toBe(1);
    // The next pass (nothing changed) is clean and quiet.
    const again = await scanRoot({ db: sb.store, root: sb.root });
    expect(again.filesUnchanged).toBe(4);
  });
});

describe("links out of the root", () => {
  it("a tracker-named link to a non-JSON file outside the root is refused without quoting it", async () => {
    const passwd = path.join(outside, "passwd");
    writeFileSync(
      passwd,
      "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    );
    mkdirSync(path.join(sb.root, "dev"));
    symlinkSync(passwd, path.join(sb.root, "dev", "sessions.json"));
    writeSessions("ok/sessions.json", [sessionRecord("o1")]);

    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(await sessionIds()).toEqual(["o1"]);
    const row = await fileRow("dev/sessions.json");
    expect(row?.status).toBe("error");
    expect(row?.lastError).toMatch(/outside the (data )?root/);
    expect(await allStoredErrors()).not.toMatch(/root:x|daemon|bin\/bash/);
    expect(JSON.stringify(r)).not.toMatch(/root:x|daemon/);
  });

  it("a link to valid tracker JSON outside the root is not ingested, nor is a linked folder outside the root", async () => {
    const secretDir = path.join(outside, "secret");
    mkdirSync(secretDir);
    writeFileSync(
      path.join(secretDir, "sessions.json"),
      JSON.stringify({ x1: sessionRecord("x1", { session_name: "auths: hunter2" }) }),
    );
    writeFileSync(
      path.join(secretDir, "config.json"),
      JSON.stringify({ x2: sessionRecord("x2", { session_name: "docker auths" }) }),
    );
    mkdirSync(path.join(sb.root, "dev"));
    symlinkSync(path.join(secretDir, "config.json"), path.join(sb.root, "dev", "sessions.json"));
    // A folder link out of the root: its files are outside too.
    symlinkSync(secretDir, path.join(sb.root, "dev", "linked"), "dir");
    writeSessions("ok/sessions.json", [sessionRecord("o1")]);

    const r = await scanRoot({ db: sb.store, root: sb.root });
    expect(await sessionIds()).toEqual(["o1"]);
    expect((await fileRow("dev/sessions.json"))?.lastError).toMatch(/outside the (data )?root/);
    expect(await fileRow("dev/linked/sessions.json")).toBeUndefined();
    expect(r.discover.skippedLinks.find((l) => l.relPath === "dev/linked")?.reason).toMatch(/outside/);
    const raw = await sql<{ n: number }>(
      "SELECT count(*) AS n FROM session_versions WHERE raw_json LIKE '%auths%'",
    );
    expect(raw[0]?.n).toBe(0);
    expect(await allStoredErrors()).not.toMatch(/hunter2|docker/);
  });

  it("an explicitly allowed extra root is followed (files and folders)", async () => {
    const shared = path.join(outside, "shared");
    mkdirSync(shared);
    writeFileSync(path.join(shared, "sessions.json"), JSON.stringify({ s1: sessionRecord("s1") }));
    mkdirSync(path.join(sb.root, "dev"));
    symlinkSync(shared, path.join(sb.root, "dev", "proj"), "dir");
    symlinkSync(path.join(shared, "sessions.json"), path.join(sb.root, "dev", "sessions.json"));
    await scanRoot({ db: sb.store, root: sb.root, extraRoots: [outside] });
    expect(await sessionIds()).toEqual(["s1"]);
    expect((await fileRow("dev/proj/sessions.json"))?.status).toBe("ok");
    expect((await fileRow("dev/sessions.json"))?.status).toBe("ok");
  });

  it("a link inside the root still works", async () => {
    writeSessions("real/sessions.json", [sessionRecord("r1")]);
    mkdirSync(path.join(sb.root, "dev"));
    symlinkSync(path.join(sb.root, "real", "sessions.json"), path.join(sb.root, "dev", "sessions.json"));
    await scanRoot({ db: sb.store, root: sb.root });
    expect((await fileRow("dev/sessions.json"))?.status).toBe("ok");
  });

  it("invalid JSON errors give a position, never the content", async () => {
    mkdirSync(path.join(sb.root, "dev"));
    writeFileSync(path.join(sb.root, "dev", "sessions.json"), "root:x:0:0:root:/root:/bin/bash\n");
    mkdirSync(path.join(sb.root, "eve"));
    writeFileSync(path.join(sb.root, "eve", "sessions.json"), '{"a": {"secret-token-123" 4}}');
    mkdirSync(path.join(sb.root, "fay"));
    writeFileSync(path.join(sb.root, "fay", "sessions.json"), '{"a": {"id": "password123');
    await scanRoot({ db: sb.store, root: sb.root });
    expect((await fileRow("dev/sessions.json"))?.lastError).toMatch(/not valid JSON/);
    expect((await fileRow("fay/sessions.json"))?.lastError).toMatch(/end of file/);
    expect(await allStoredErrors()).not.toMatch(/root:|bin\/bash|secret-token|password123/);
  });
});

describe("swapped after the walk", () => {
  // Six files; the read-ahead has at most the first few in flight when the first file is done, so a swap
  // of the last one from onProgress meets the real read path after the walk saw a regular file.
  const devs = ["a", "b", "c", "d", "e", "f"];
  const layout = () => devs.map((d) => writeSessions(`${d}/sessions.json`, [sessionRecord(`${d}1`)]));

  /** One pass over `layout()` in which the last file is removed and `swapIn(itsPath)` put there after the walk. */
  const scanSwappingLast = (swapIn: (last: string) => void) => {
    const last = layout()[5] as string;
    let swapped = false;
    return scanRoot({
      db: sb.store,
      root: sb.root,
      onProgress: () => {
        if (swapped) return;
        swapped = true;
        rmSync(last);
        swapIn(last);
      },
    });
  };

  it("a FIFO is refused at once (never waited on); the other files ingest", async () => {
    const started = Date.now();
    const r = await scanSwappingLast((last) => execFileSync("mkfifo", [last]));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await sessionIds()).toEqual(["a1", "b1", "c1", "d1", "e1"]);
    expect((await fileRow("f/sessions.json"))?.lastError).toMatch(/not a regular file/);
    expect(r.filesFailed).toBe(1);
  });

  it("a link out of the root is refused at read time too", async () => {
    writeFileSync(path.join(outside, "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    await scanSwappingLast((last) => symlinkSync(path.join(outside, "passwd"), last));
    expect(await sessionIds()).toEqual(["a1", "b1", "c1", "d1", "e1"]);
    expect((await fileRow("f/sessions.json"))?.lastError).toMatch(/outside the (data )?root/);
    expect(await allStoredErrors()).not.toMatch(/root:x|bin\/bash/);
  });
});
