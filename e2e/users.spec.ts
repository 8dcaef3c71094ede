/**
 * People and roles (issue 11): an admin invites by one-time link and by temporary password, the invitee
 * sets a password and is signed in, each role sees its own shell (only admins have Users; /users is a
 * 404 for everyone else), disabling takes effect on the next request, and a display name replaces the
 * folder name where a developer is shown.
 */
import type { Browser, Page } from "@playwright/test";
import { fixtureTruth } from "./expected-figures";
import { authTest, expect, signIn } from "./fixtures";

const truth = fixtureTruth();
const FIRST_DEV = truth[0]?.dev ?? "alice";

/** Invites a person on the Users page and returns the one-time secret shown (link or password). */
async function invite(
  page: Page,
  who: { email: string; name: string; role: "admin" | "lead" | "member"; folders?: string },
  method: "One-time link" | "Temporary password",
): Promise<string> {
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("E-mail").fill(who.email);
  await form.getByLabel("Name").fill(who.name);
  await form.getByLabel("Role").selectOption(who.role);
  if (who.folders) await form.getByLabel(/Developer folders/).fill(who.folders);
  await form.getByLabel(method).check();
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByRole("status")).toContainText(`Invited ${who.email}`);
  return (await form.getByTestId("one-time-secret").textContent()) ?? "";
}

/** A fresh signed-out browser page. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  return ctx.newPage();
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

authTest(
  "invite by link → set password → signed in as a member; the link works once",
  async ({ page, browser, baseURL }) => {
    await page.goto("/");
    await expect(nav(page).getByRole("link", { name: "Users" })).toBeVisible();
    const link = await invite(
      page,
      { email: "new-member@e2e.test", name: "New Member", role: "member", folders: FIRST_DEV },
      "One-time link",
    );
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);

    const invitee = await freshPage(browser, baseURL);
    await invitee.goto(new URL(link).pathname);
    await expect(invitee.getByText("new-member@e2e.test")).toBeVisible();
    await invitee.getByLabel("New password").fill("member-password-1");
    await invitee.getByLabel("Repeat the password").fill("member-password-1");
    await invitee.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(invitee.getByTestId("current-user")).toHaveText("new-member@e2e.test");
    // A member's shell: no Users link, and /users does not exist for them.
    await expect(nav(invitee).getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(nav(invitee).getByRole("link", { name: "Users" })).toHaveCount(0);
    const res = await invitee.goto("/users");
    expect(res?.status()).toBe(404);
    await expect(invitee.getByTestId("users-table")).toHaveCount(0);

    // Single use: the same link, signed out, now says it is spent.
    const again = await freshPage(browser, baseURL);
    await again.goto(new URL(link).pathname);
    await expect(again.getByTestId("invite-invalid")).toBeVisible();
    await expect(again.getByLabel("New password")).toHaveCount(0);

    // The admin sees the member and their folder.
    await page.goto("/users");
    const row = page.locator('tr[data-email="new-member@e2e.test"]');
    await expect(row.getByLabel("Folders", { exact: true })).toHaveValue(FIRST_DEV);
    await expect(row.getByLabel("Role", { exact: true })).toHaveValue("member");

    // The same list over the API: admins only (a member's cookie gets 403), no secrets in it.
    const list = await page.request.get("/api/v1/users");
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { users: { email: string; role: string; folders: string[] }[] };
    expect(body.users.find((u) => u.email === "new-member@e2e.test")).toMatchObject({
      role: "member",
      folders: [FIRST_DEV],
    });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/);
    expect((await invitee.request.get("/api/v1/users")).status()).toBe(403);
  },
);

authTest(
  "a temporary password signs a lead in; disabling them ends it on the next request",
  async ({ page, browser, baseURL }) => {
    const password = await invite(
      page,
      { email: "new-lead@e2e.test", name: "New Lead", role: "lead" },
      "Temporary password",
    );
    expect(password.length).toBeGreaterThanOrEqual(16);

    const lead = await freshPage(browser, baseURL);
    await signIn(lead, { email: "new-lead@e2e.test", password });
    await expect(lead.getByTestId("current-user")).toHaveText("new-lead@e2e.test");
    await expect(nav(lead).getByRole("link", { name: "Users" })).toHaveCount(0);
    expect((await lead.goto("/users"))?.status()).toBe(404);
    // A lead sees every developer's page.
    for (const d of truth) {
      expect((await lead.goto(`/developers/${encodeURIComponent(d.dev)}?range=all`))?.status()).toBe(200);
    }

    await page.goto("/users");
    const row = page.locator('tr[data-email="new-lead@e2e.test"]');
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByRole("status")).toContainText("Disabled");

    await lead.goto("/sessions");
    await expect(lead).toHaveURL(/\/login/);
    const api = await lead.request.get("/api/v1/summary");
    expect(api.status()).toBe(401);
  },
);

authTest("an admin cannot disable themself; a display name replaces the folder name", async ({ page }) => {
  await page.goto("/users");
  const own = page.locator('tr[data-email="lead@e2e.test"]');
  await expect(own.getByText("Your own account")).toBeVisible();
  await expect(own.getByRole("button", { name: "Disable" })).toHaveCount(0);

  const field = page.getByLabel(FIRST_DEV, { exact: true });
  await field.fill("Alice Example-Person");
  await field.locator("xpath=..").getByRole("button", { name: "Save" }).click();
  await expect(field.locator("xpath=..").getByRole("status")).toContainText("Saved");
  try {
    await page.goto(`/developers/${encodeURIComponent(FIRST_DEV)}?range=all`);
    const shown = page.getByText("Alice Example-Person").first();
    await expect(shown).toBeVisible();
    await expect(page.locator(`[data-folder="${FIRST_DEV}"]`).first()).toHaveAttribute("title", FIRST_DEV);
  } finally {
    await page.goto("/users");
    await page.getByLabel(FIRST_DEV, { exact: true }).fill("");
    await page
      .getByLabel(FIRST_DEV, { exact: true })
      .locator("xpath=..")
      .getByRole("button", { name: "Save" })
      .click();
  }
});
