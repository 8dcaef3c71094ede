/**
 * A real SQLite portal database to move with `db:copy` (lib/db/copy.pg.test.ts): a small team folder
 * through the real ingest, plus users, an invite link, member folders, a display name, API tokens (one
 * deleted: its id must never come back), a sign-in session, a failed sign-in, settings and prices made
 * through lib/auth and lib/settings. And an oracle of a database's content read without the copy's code.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DEFAULT_LOGIN_THROTTLE, loginThrottleKeys, recordLoginFailure } from "@/lib/auth/login-throttle";
import { setMemberFolders } from "@/lib/auth/member-folders";
import { createAuthSession } from "@/lib/auth/sessions";
import { createApiToken, deleteApiToken } from "@/lib/auth/tokens";
import { inviteUser } from "@/lib/auth/user-admin";
import { upsertUser } from "@/lib/auth/users";
import { closeDb, openDb } from "@/lib/db/client";
import { storeOf } from "@/lib/db/sqlite-store";
import type { Store } from "@/lib/db/store";
import { scanRoot } from "@/lib/ingest";
import { saveCustomPriceRows } from "@/lib/pricing-settings";
import { updatePortalSettings } from "@/lib/settings";
import { makeTeamFolder } from "@/scripts/make-team-folder";

/** The source portal and what a test checks on its copy. */
export interface CopySource {
  /** The SQLite file (closed: WAL checkpointed). */
  dbPath: string;
  admin: { email: string; password: string; id: number };
  /** A live API token of the admin (clear text). */
  token: string;
  /** Ids the source handed out last (users, api_tokens): the copy's next ids must be greater. */
  lastUserId: number;
  lastTokenId: number;
}

const T = Date.parse("2026-11-20T12:00:00Z");

/** Builds the source portal in `dir` (a team folder in `dir/team`, the DB in `dir/portal.db`). */
export async function makeCopySource(dir: string): Promise<CopySource> {
  const root = path.join(dir, "team");
  const manifest = makeTeamFolder({
    root,
    developers: 3,
    sessionsPerDeveloper: 8,
    interactionsPerSession: 3,
    now: "2026-11-20T12:00:00Z",
    days: 20,
    mess: ["onedrive", "legacy"],
    usage: true,
  });
  const dbPath = path.join(dir, "portal.db");
  const db = openDb(dbPath);
  const store: Store = storeOf(db);
  try {
    await scanRoot({ db: store, root });
    const admin = { email: "admin@example.com", password: "copy-me-s3cret", id: 0 };
    admin.id = (
      await upsertUser({
        db: store,
        email: admin.email,
        name: "Ada Admin",
        password: admin.password,
        role: "admin",
        now: T,
      })
    ).id;
    const member = await inviteUser({
      db: store,
      email: "member@example.com",
      name: "Mo Member",
      role: "member",
      method: "link",
      now: T,
    });
    const developer = manifest.developers[0]?.name ?? "";
    await setMemberFolders({ db: store, userId: member.user.id, developers: [developer] });
    await store.run(
      "INSERT INTO developer_display_names (developer, display_name, updated_ms) VALUES (?, ?, ?)",
      [developer, "Dev Éloïse ✓", T],
    );
    const creator = { userId: admin.id, tokenId: null };
    const { token } = await createApiToken({
      db: store,
      creator,
      name: "ci",
      scopes: ["read", "export"],
      now: T,
    });
    const old = await createApiToken({ db: store, creator, name: "old", now: T });
    await deleteApiToken({ db: store, userId: admin.id, id: old.info.id, now: T });
    await createAuthSession({ db: store, userId: admin.id, maxAgeMs: 365 * 86_400_000, now: Date.now() });
    await recordLoginFailure({
      db: store,
      keys: loginThrottleKeys("member@example.com", "10.0.0.9"),
      config: DEFAULT_LOGIN_THROTTLE,
      now: T,
    });
    await updatePortalSettings({ db: store, patch: { minGroupSize: 4, staleAfterDays: 9 }, now: T });
    await saveCustomPriceRows({
      db: store,
      rows: [
        {
          model: "copy-model",
          effective_from: "2026-01-01",
          input: 1.25,
          output: 10,
          cache_write_5m: 1.5,
          cache_write_1h: 2,
          cache_read: 0.125,
        },
      ],
      now: T,
    });
    return { dbPath, admin, token, lastUserId: member.user.id, lastTokenId: old.info.id };
  } finally {
    closeDb(db);
  }
}

/** sha256 of the SQLite file and its -wal (if any): unchanged means nothing was written. */
export function fileDigest(dbPath: string): string {
  const h = createHash("sha256");
  for (const f of [dbPath, `${dbPath}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest("hex");
}

/** Tables of a portal database that are the engine's own (never compared). */
const BOOKKEEPING = new Set([
  "__drizzle_migrations",
  "sqlite_sequence",
  "portal_data_version",
  "portal_data_version_pending",
]);

/** One canonical line per row (keys sorted, blobs as hex), sorted: equal content ⇔ equal lists. */
function canonical(rows: Record<string, unknown>[]): string[] {
  return rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, Buffer.isBuffer(r[k]) ? `hex:${(r[k] as Buffer).toString("hex")}` : r[k]]),
      ),
    )
    .sort();
}

/**
 * Every row of every data table of a SQLite portal file, read with better-sqlite3 directly (not
 * through the copy's code): table → canonical rows.
 */
export function sqliteContent(dbPath: string): Record<string, string[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((t) => !BOOKKEEPING.has(t));
    return Object.fromEntries(
      tables
        .sort()
        .map((t) => [t, canonical(db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[])]),
    );
  } finally {
    db.close();
  }
}

/** The same for a database on any store (PostgreSQL: its current schema's tables). */
export async function storeContent(store: Store): Promise<Record<string, string[]>> {
  const names =
    store.dialect === "sqlite"
      ? await store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      : await store.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
        );
  const out: Record<string, string[]> = {};
  for (const t of names
    .map((n) => n.name)
    .filter((n) => !BOOKKEEPING.has(n))
    .sort())
    out[t] = canonical(await store.all<Record<string, unknown>>(`SELECT * FROM "${t}"`));
  return out;
}
