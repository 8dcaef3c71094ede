/** Display names of developer folders (data, not access), on a real SQLite file. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { makeTestEnv, type TestEnv } from "@/test-support/queries";
import { getDisplayNames, setDisplayName } from "./display-names";

const T0 = Date.UTC(2026, 5, 1, 12);

let env: TestEnv;
beforeEach(() => {
  env = makeTestEnv();
});
afterEach(() => env.cleanup());

it("stores a display name per folder; an empty name removes it", () => {
  const db = env.db;
  setDisplayName({ db, developer: "bob", displayName: " Bob Smith ", now: T0 });
  setDisplayName({ db, developer: "eve", displayName: "Eve", now: T0 });
  expect(getDisplayNames({ db })).toEqual({ bob: "Bob Smith", eve: "Eve" });
  setDisplayName({ db, developer: "eve", displayName: "  ", now: T0 });
  expect(getDisplayNames({ db })).toEqual({ bob: "Bob Smith" });
});
