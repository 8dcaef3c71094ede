/**
 * `npm run watch` on PostgreSQL joins the portal instances' ingest election: while another instance leads
 * it waits and writes nothing; when that one stops it takes over and ingests the folder. (Leading at once
 * and stopping on SIGTERM, on either engine: cli.test.ts.)
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leadership } from "@/lib/db/coordination";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { expectedFigures } from "@/test-support/ingest";
import { startCli, stopAllClis } from "@/test-support/ingest-cli";
import { openTestStore, type TestStore } from "@/test-support/store";

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore("postgres");
});
afterEach(async () => {
  await stopAllClis();
  await t.cleanup();
});

describe("watch CLI in the ingest election", () => {
  it("waits while a portal instance leads, then takes over and ingests when it stops", async () => {
    const root = path.join(t.dir, "team");
    const m = makeTeamFolder({ root, seed: 5, developers: 2, sessionsPerDeveloper: 4 });
    const portal = leadership(t.store, {
      name: "ingest",
      instanceId: "portal-a",
      onChange: () => {},
      log: () => {},
    });
    await portal.ready;
    expect(portal.status().leader).toBe(true);

    const watcher = startCli(["watch", root, "--settle", "100"], {
      ...t.portalEnv(),
      PORTAL_INSTANCE_ID: "cli-watch",
    });
    await watcher.waitForStderr(/another instance leads the ingest \(portal-a\)/, 60_000);
    const sessions = async () =>
      Number((await t.store.get<{ n: number }>("SELECT count(*) AS n FROM sessions"))?.n);
    // A follower writes nothing, however long it waits (its folder has files from the start).
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sessions()).toBe(0);
    expect(watcher.stderr()).not.toMatch(/first pass: /);

    await portal.stop();
    await watcher.waitForStderr(/first pass: /, 30_000);
    expect(await sessions()).toBe(m.developers.reduce((n, d) => n + expectedFigures([d]).sessions, 0));
    watcher.process.kill("SIGTERM");
    expect(await watcher.exited).toBe(0);
  });
});
