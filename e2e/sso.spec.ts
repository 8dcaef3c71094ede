/**
 * Single sign-on (issue 11) against a real OpenID Connect provider (`oidc-provider`, e2e/oidc-provider.ts,
 * started by playwright.config.ts): the login page offers "Sign in with Test SSO"; the provider's own
 * login and consent pages; back in the portal signed in — a new person from the allowed domain with the
 * default role, an existing user as that user (their role), a person from any other domain refused with
 * a message. The session is the portal's usual one: signing out ends it.
 */
import type { Page } from "@playwright/test";
import { ADMIN, SSO } from "./fixture-folder";
import { authTest, expect, test } from "./fixtures";

/** Contexts made inside an authTest inherit its admin storage state unless told otherwise. */
const SIGNED_OUT = { cookies: [], origins: [] };

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/**
 * Opens `start` (signed out: the portal sends the browser to /login with a callbackUrl), clicks the SSO
 * button and completes the provider's login and consent pages as `email`.
 */
async function ssoRoundTrip(page: Page, email: string, start = "/login"): Promise<void> {
  await page.goto(start);
  await page.getByRole("button", { name: `Sign in with ${SSO.name}` }).click();
  // The provider's pages, on its own origin.
  await page.waitForURL((url) => url.hostname === "127.0.0.1" && url.pathname.startsWith("/interaction/"));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.hostname === "localhost");
}

test("the login page offers single sign-on next to the credentials form", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Sign in with ${SSO.name}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByTestId("sso-error")).toHaveCount(0);
});

authTest(
  "a new person from the allowed domain signs in through the provider with the default role; sign-out ends it",
  async ({ page: admin, browser, baseURL }) => {
    const email = `sso.newcomer@${SSO.allowedDomain}`;
    const ctx = await browser.newContext({ baseURL, storageState: SIGNED_OUT });
    const page = await ctx.newPage();
    await ssoRoundTrip(page, email);
    await expect(page.getByTestId("current-user")).toHaveText(email);
    // A member's shell (the configured default role): no Users link.
    await expect(nav(page).getByRole("link", { name: "Users" })).toHaveCount(0);
    expect((await page.goto("/users"))?.status()).toBe(404);

    // The admin's view of the new user: created by SSO with the default role and the provider's name.
    const list = await admin.request.get("/api/v1/users");
    const body = (await list.json()) as { users: { email: string; role: string; name: string }[] };
    expect(body.users.find((u) => u.email === email)).toMatchObject({
      role: SSO.defaultRole,
      name: "Sso Newcomer",
    });

    // Signing out ends the session: the old cookie, replayed, no longer signs anyone in.
    const cookies = await ctx.cookies();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    const replay = await browser.newContext({ baseURL, storageState: SIGNED_OUT });
    await replay.addCookies(cookies);
    const again = await replay.newPage();
    await again.goto("/");
    await expect(again).toHaveURL(/\/login/);
    await replay.close();
    await ctx.close();
  },
);

test("an existing user's e-mail signs in as that user, with their role, back where they were going", async ({
  page,
}) => {
  // The page's CSP stays in force on the way out and back (no violation is reported).
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await ssoRoundTrip(page, ADMIN.email, "/sessions?range=all");
  await expect(page).toHaveURL(/\/sessions\?range=all/);
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN.email);
  expect(violations).toEqual([]);
  // The fixture admin's shell: Users is there.
  await expect(nav(page).getByRole("link", { name: "Users" })).toBeVisible();
  expect((await page.goto("/users"))?.status()).toBe(200);
});

test("a person from a domain that is not allowed is refused with a message on the login page", async ({
  page,
}) => {
  // An off-site callbackUrl is dropped before the round trip (lib/auth/callback-url.ts).
  await ssoRoundTrip(page, "eve@not-allowed.e2e.test", "/login?callbackUrl=//evil.example/x");
  await expect(page).toHaveURL(/\/login\?error=sso-domain/);
  await expect(page.getByTestId("sso-error")).toHaveText(
    "Your e-mail domain is not allowed to sign in here. Ask an admin to invite you.",
  );
  // Not signed in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
