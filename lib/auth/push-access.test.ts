/** Who may push which developer's files (POST /api/v1/ingest), on a real SQLite file with real users. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPortalError } from "@/lib/errors";
import { makeSandbox } from "@/test-support/ingest";
import { setMemberFolders } from "./member-folders";
import { assertMayPush } from "./push-access";
import type { Role } from "./roles";
import { upsertUser } from "./users";

let sb: ReturnType<typeof makeSandbox>;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

async function user(role: Role): Promise<number> {
  const u = await upsertUser({
    db: sb.db,
    email: `${role}@x.test`,
    name: role,
    password: "a-long-password",
    role,
  });
  return u.id;
}

const refusal = (userId: number, role: Role, developer: string) => {
  try {
    assertMayPush({ db: sb.db, userId, role, developer });
    return null;
  } catch (e) {
    return isPortalError(e, "forbidden") ? e.message : e;
  }
};

describe("assertMayPush", () => {
  it("lets an admin or a lead push for any developer", async () => {
    expect(refusal(await user("admin"), "admin", "anyone")).toBeNull();
    expect(refusal(await user("lead"), "lead", "anyone")).toBeNull();
  });

  it("lets a member push only for the folders mapped to them", async () => {
    const id = await user("member");
    expect(refusal(id, "member", "bob")).toMatch(/only for your own developer folders/);
    setMemberFolders({ db: sb.db, userId: id, developers: ["bob", "bob-laptop"] });
    expect(refusal(id, "member", "bob")).toBeNull();
    expect(refusal(id, "member", "bob-laptop")).toBeNull();
    expect(refusal(id, "member", "alice")).toMatch(/not "alice"/);
  });
});
