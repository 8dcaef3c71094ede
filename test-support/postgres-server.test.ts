// As root, the PostgreSQL server runs as user `postgres`, which may not enter the checkout (a clone below
// /root): the binaries are then copied where it can run them, and a server starts from the copy.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binariesFor, platformBinaries, postgresUser, reachable } from "./postgres-server";

describe.skipIf(userInfo().uid !== 0)("PostgreSQL binaries as root", () => {
  it("copies the binaries out of a folder user postgres cannot enter, and runs initdb from the copy", async () => {
    const runAs = postgresUser();
    const bins = await platformBinaries();
    const hidden = mkdtempSync(path.join(tmpdir(), "pg-hidden-")); // 0700, root's
    try {
      const native = path.dirname(path.dirname(bins.postgres));
      cpSync(native, path.join(hidden, "native"), {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true,
      });
      const inHidden = {
        initdb: path.join(hidden, "native", "bin", "initdb"),
        postgres: path.join(hidden, "native", "bin", "postgres"),
      };
      expect(reachable(inHidden.postgres)).toBe(false);
      const usable = binariesFor(inHidden, runAs);
      expect(usable.postgres).not.toBe(inHidden.postgres);
      expect(reachable(usable.postgres)).toBe(true);
      expect(reachable(usable.initdb)).toBe(true);
      // Where npm put them here, they are used as they are.
      if (reachable(bins.postgres)) expect(binariesFor(bins, runAs)).toBe(bins);
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});
