/** Who may push which developer's files (POST /api/v1/ingest), on a real database with real users. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { isPortalError } from "@/lib/errors";
import { openTestStore, type TestStore } from "@/test-support/store";
import { setMemberFolders } from "./member-folders";
import { assertMayPush } from "./push-access";
import type { Role } from "./roles";
import { upsertUser } from "./users";

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

async function user(role: Role): Promise<number> {
  const u = await upsertUser({
    db,
    email: `${role}@x.test`,
    name: role,
    password: "a-long-password",
    role,
  });
  return u.id;
}

const refusal = async (userId: number, role: Role, developer: string) => {
  try {
    await assertMayPush({ db, userId, role, developer });
    return null;
  } catch (e) {
    return isPortalError(e, "forbidden") ? e.message : e;
  }
};

describe("assertMayPush", () => {
  it("lets an admin or a lead push for any developer", async () => {
    expect(await refusal(await user("admin"), "admin", "anyone")).toBeNull();
    expect(await refusal(await user("lead"), "lead", "anyone")).toBeNull();
  });

  it("lets a member push only for the folders mapped to them", async () => {
    const id = await user("member");
    expect(await refusal(id, "member", "bob")).toMatch(/only for your own developer folders/);
    await setMemberFolders({ db, userId: id, developers: ["bob", "bob-laptop"] });
    expect(await refusal(id, "member", "bob")).toBeNull();
    expect(await refusal(id, "member", "bob-laptop")).toBeNull();
    expect(await refusal(id, "member", "alice")).toMatch(/not "alice"/);
  });
});
