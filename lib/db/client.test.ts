// SQLite only: file and folder permissions of the SQLite database (a PostgreSQL server keeps its own files).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, openDb, type PortalDb } from "./client";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("openDb file modes", () => {
  let dir: string;
  let db: PortalDb | undefined;
  afterEach(() => {
    if (db) closeDb(db);
    db = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the folder 0700 and the DB, its WAL and shared-memory files 0600", () => {
    dir = mkdtempSync(path.join(tmpdir(), "portal-db-mode-"));
    const dbPath = path.join(dir, "nested", "portal.db");
    db = openDb(dbPath);
    // A write so the WAL and -shm files exist.
    db.$client.exec("CREATE TABLE IF NOT EXISTS mode_probe (x); INSERT INTO mode_probe VALUES (1);");
    expect(mode(path.dirname(dbPath))).toBe(0o700);
    expect(mode(dbPath)).toBe(0o600);
    expect(mode(`${dbPath}-wal`)).toBe(0o600);
    expect(mode(`${dbPath}-shm`)).toBe(0o600);
  });

  it("tightens an existing world-readable DB file", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "portal-db-mode-"));
    const dbPath = path.join(dir, "portal.db");
    closeDb(openDb(dbPath));
    const { chmodSync } = await import("node:fs");
    chmodSync(dbPath, 0o644);
    db = openDb(dbPath);
    expect(mode(dbPath)).toBe(0o600);
  });
});
