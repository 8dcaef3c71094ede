/** Display names of developer folders (data, not access), on a real database of the run's engine. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { getDisplayNames, listDeveloperFolders, setDisplayName } from "./display-names";

const T0 = Date.UTC(2026, 5, 1, 12);

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.cleanup());

it("stores a display name per folder; an empty name removes it", async () => {
  const db = t.store;
  await setDisplayName({ db, developer: "bob", displayName: " Bob Smith ", now: T0 });
  await setDisplayName({ db, developer: "eve", displayName: "Eve", now: T0 });
  expect(await getDisplayNames({ db })).toEqual({ bob: "Bob Smith", eve: "Eve" });
  await setDisplayName({ db, developer: "eve", displayName: "Eve Adams", now: T0 + 1 });
  await setDisplayName({ db, developer: "bob", displayName: "  ", now: T0 });
  expect(await getDisplayNames({ db })).toEqual({ eve: "Eve Adams" });
});

it("lists every developer folder with its display name", async () => {
  const db = t.store;
  for (const name of ["carol", "alice", "bob"])
    await db.run("INSERT INTO developers (name, first_seen_ms) VALUES (?, ?)", [name, T0]);
  await setDisplayName({ db, developer: "bob", displayName: "Bob Smith", now: T0 });
  expect(await listDeveloperFolders({ db })).toEqual([
    { developer: "alice", displayName: null },
    { developer: "bob", displayName: "Bob Smith" },
    { developer: "carol", displayName: null },
  ]);
});
