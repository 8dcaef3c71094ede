/**
 * Access journeys of issue 8 (Access 1–5): no fixture data in any response to the signed-out, a
 * deleted, a disabled or a signed-out user's cookie; sign-in redirects stay on the portal; sign-in is
 * throttled; cookie-authenticated API writes must be same-origin JSON.
 */
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { fixtureTruth } from "./expected-figures";
import { ADMIN } from "./fixture-folder";
import { authTest, expect, signIn, test } from "./fixtures";
import {
  anySessionRowId,
  createUser,
  deleteUser,
  disableUser,
  postCredentials,
  signInError,
} from "./fixtures/accounts";
import { fillRoute, portalRoutes, realValues } from "./fixtures/portal-pages";
import { addDeveloperSessions, removeDeveloperFolder, testSession } from "./fixtures/shared-folder";

const truth = fixtureTruth();
const DEVELOPERS = truth.map((d) => d.dev);
const FIRST_DEV = DEVELOPERS[0] ?? "alice";
/** Strings only the fixture data holds: developer names (as whole words), session names and ids. */
const MARKERS: { label: string; re: RegExp }[] = [
  ...DEVELOPERS.map((d) => ({ label: `developer ${d}`, re: new RegExp(`(?<![\\w-])${d}(?![\\w-])`) })),
  ...truth.flatMap((d) =>
    d.sessions.slice(0, 15).flatMap((s) => [
      { label: `session name ${s.session_name}`, re: new RegExp(`${s.session_name}(?!\\d)`) },
      { label: `session id ${s.id}`, re: new RegExp(s.id) },
    ]),
  ),
];

/** Fixture strings found in `body`, except those the requested URL itself holds. */
function leaks(body: string, url: string): string[] {
  const own = decodeURIComponent(url);
  return MARKERS.filter((m) => !m.re.test(own) && m.re.test(body)).map((m) => m.label);
}

/**
 * Every page of the `(portal)` route tree, found on disk so a new page is covered without editing this
 * spec; dynamic segments are filled with fixture values, and `/developers/<x>.png` paths probe the
 * proxy's static-asset exclusion.
 */
async function portalUrls(): Promise<string[]> {
  const pages = portalRoutes();
  const sessionId = String(await anySessionRowId());
  const urls: string[] = [];
  const realValue = await realValues();
  for (const p of pages) {
    const fill: Record<string, string[]> = {
      "[developer]": [FIRST_DEV, `${FIRST_DEV}.png`, "leak.png"],
      "[id]": [sessionId],
    };
    let variants = [p];
    for (const [seg, values] of Object.entries(fill)) {
      variants = variants.flatMap((v) => (v.includes(seg) ? values.map((x) => v.replace(seg, x)) : [v]));
    }
    // Segments the table does not name (e.g. /projects/[name], /models/[name]) get a real fixture value.
    for (const v of variants.map((x) => fillRoute(x, realValue))) {
      expect(v, `unknown dynamic segment in ${v}: add it to the fill table`).not.toMatch(/\[/);
      urls.push(`${v}${v.includes("/sessions/") ? "" : "?range=all"}`);
    }
  }
  expect(pages.length).toBeGreaterThanOrEqual(10);
  return urls;
}

async function expectNoData(ctx: APIRequestContext, who: string) {
  for (const url of await portalUrls()) {
    const res = await ctx.get(url, { maxRedirects: 0 });
    const body = await res.text();
    expect(res.status(), `${who} ${url}`).toBeLessThan(500);
    expect(res.status(), `${who} ${url} must not render`).not.toBe(200);
    expect(leaks(body, url), `${who} ${url} (${res.status()}, ${body.length} bytes)`).toEqual([]);
  }
  for (const api of ["/api/v1/summary?range=all", "/api/v1/sessions?range=all", "/api/v1/events"]) {
    const res = await ctx.get(api, { maxRedirects: 0 });
    expect(res.status(), `${who} ${api}`).toBe(401);
  }
}

async function newClient(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}

/** Signs in a fresh user and checks the cookie works (a positive control for the markers). */
async function signedInUser(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  tag: string,
) {
  const creds = { email: `${tag}-${Date.now()}@e2e.test`, password: "a-long-test-password" };
  const id = await createUser(creds);
  const ctx = await newClient(playwright, baseURL);
  expect(await signInError(await postCredentials(ctx, creds))).toBeNull();
  const ok = await ctx.get("/sessions?range=all", { maxRedirects: 0 });
  expect(ok.status()).toBe(200);
  expect(leaks(await ok.text(), "/sessions").length).toBeGreaterThan(0);
  return { id, ctx, creds };
}

test("signed out: no page or loader answers with fixture data", async ({ playwright, baseURL }) => {
  const ctx = await newClient(playwright, baseURL);
  await expectNoData(ctx, "signed out");
  await ctx.dispose();
});

test("a developer folder named like an image is not served to the signed-out", async ({
  playwright,
  baseURL,
}) => {
  // The reproduction: the proxy skipped any path ending in .png, so this page rendered in the body
  // of the redirect with the developer's sessions and every other developer's name.
  const dev = "leak.png";
  const id = "leak_probe_session_20260530_100000";
  const ctx = await newClient(playwright, baseURL);
  try {
    await addDeveloperSessions(dev, [testSession(id, { session_name: "Leak probe session" })]);
    const res = await ctx.get(`/developers/${dev}?range=all`, { maxRedirects: 0 });
    const body = await res.text();
    expect(res.status()).not.toBe(200);
    expect(body).not.toContain("Leak probe session");
    expect(body).not.toContain(id);
    expect(leaks(body, `/developers/${dev}`), `${res.status()}, ${body.length} bytes`).toEqual([]);
  } finally {
    // Leave the fixture as it was: other journeys assert exact figures.
    await removeDeveloperFolder(dev);
    await ctx.dispose();
  }
});

test("a deleted user's cookie is refused everywhere", async ({ playwright, baseURL }) => {
  const { id, ctx } = await signedInUser(playwright, baseURL, "deleted");
  await deleteUser(id);
  await expectNoData(ctx, "deleted user");
  await ctx.dispose();
});

test("a disabled user's cookie and password are refused", async ({ playwright, baseURL }) => {
  const { id, ctx, creds } = await signedInUser(playwright, baseURL, "disabled");
  // An events stream opened before is ended at its next heartbeat (every 20 s).
  const stream = ctx.get("/api/v1/events", { timeout: 45_000 });
  await new Promise((r) => setTimeout(r, 500));
  await disableUser(id);
  const ended = await stream;
  expect(ended.status()).toBe(200);
  expect(await ended.text()).toContain(": connected");
  await expectNoData(ctx, "disabled user");
  const again = await newClient(playwright, baseURL);
  expect(await signInError(await postCredentials(again, creds))).not.toBeNull();
  expect((await again.get("/api/v1/summary", { maxRedirects: 0 })).status()).toBe(401);
  await again.dispose();
  await ctx.dispose();
});

test("sign-out ends the session: the copied cookie is refused afterwards", async ({
  browser,
  baseURL,
  playwright,
}) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  const copied = await context.storageState();
  const replay = await playwright.request.newContext({ baseURL, storageState: copied });
  expect((await replay.get("/api/v1/summary")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const api = await replay.get("/api/v1/summary?range=all", { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  const pageRes = await replay.get("/sessions?range=all", { maxRedirects: 0 });
  expect(pageRes.status()).not.toBe(200);
  expect(leaks(await pageRes.text(), "/sessions")).toEqual([]);
  await replay.dispose();
  await context.close();
});

test("the sign-in callback never leaves the portal", async ({ page, baseURL }) => {
  await page.goto("/login?callbackUrl=/%09/localhost:3999/pwned");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
  expect(page.url()).not.toContain("pwned");
});

authTest("a bad callbackUrl while signed in is a redirect home, never a 500", async ({ page, baseURL }) => {
  for (const cb of [
    "/%0a/x",
    "/%09/localhost:3999/pwned",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil",
  ]) {
    const res = await page.request.get(`/login?callbackUrl=${cb}`, { maxRedirects: 0 });
    expect(res.status(), cb).toBeLessThan(400);
    const location = res.headers().location ?? "";
    expect(new URL(location, baseURL).origin, `${cb} → ${location}`).toBe(new URL(baseURL ?? "").origin);
  }
});

test.describe("sign-in throttling", () => {
  test("after too many wrong passwords the right one is refused until the backoff elapses", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const creds = { email: `throttle-${Date.now()}@e2e.test`, password: "the-right-password" };
    await createUser(creds);
    // Own client address, so the per-address counter of other specs is not touched.
    const address = { "X-Forwarded-For": "198.51.100.10" };
    const ctx = await newClient(playwright, baseURL);
    // E2E env: 3 free failures per account, then 2 s, 4 s, … (PORTAL_LOGIN_* in fixture-folder.ts).
    for (let i = 0; i < 3; i++) {
      expect(
        await signInError(await postCredentials(ctx, { ...creds, password: `wrong-${i}` }, address)),
      ).toBe("CredentialsSignin");
    }
    const refused = await signInError(await postCredentials(ctx, creds, address));
    expect(refused).toMatch(/^throttled:\d+$/);

    // The form says so.
    await page.setExtraHTTPHeaders(address);
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(creds.email);
    await page.getByLabel("Password").fill(creds.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#login-error")).toHaveText(/^Too many attempts, try again in \d+ s\.$/);

    await page.waitForTimeout(2_200);
    expect(await signInError(await postCredentials(ctx, creds, address))).toBeNull();
    await ctx.dispose();
  });

  test("one address spraying many accounts is throttled for every account", async ({
    playwright,
    baseURL,
  }) => {
    const sprayer = { "X-Forwarded-For": "198.51.100.20" };
    const ctx = await newClient(playwright, baseURL);
    // E2E env: 6 free failures per address.
    for (let i = 0; i < 6; i++) {
      const res = await postCredentials(ctx, { email: `nobody-${i}@e2e.test`, password: "guess" }, sprayer);
      expect(await signInError(res)).toBe("CredentialsSignin");
    }
    expect(await signInError(await postCredentials(ctx, ADMIN, sprayer))).toMatch(/^throttled:\d+$/);
    // The admin signs in from elsewhere.
    const other = await newClient(playwright, baseURL);
    expect(
      await signInError(await postCredentials(other, ADMIN, { "X-Forwarded-For": "198.51.100.21" })),
    ).toBeNull();
    await other.dispose();
    await ctx.dispose();
  });
});

authTest(
  "cookie-authenticated API writes must be same-origin JSON",
  async ({ page, playwright, baseURL }) => {
    const origin = new URL(baseURL ?? "").origin;
    const name = `csrf-${Date.now()}`;
    const attempts: { headers: Record<string, string>; data: string }[] = [
      {
        headers: { Origin: "http://evil.example", "Content-Type": "text/plain" },
        data: JSON.stringify({ name }),
      },
      {
        headers: { Origin: "http://evil.example", "Content-Type": "application/json" },
        data: JSON.stringify({ name }),
      },
      { headers: { Origin: origin, "Content-Type": "text/plain" }, data: JSON.stringify({ name }) },
      { headers: { "Content-Type": "application/json" }, data: JSON.stringify({ name }) },
      {
        headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
        data: JSON.stringify({ name }),
      },
    ];
    for (const a of attempts) {
      const res = await page.request.post("/api/v1/tokens", a);
      expect(res.status(), JSON.stringify(a.headers)).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    const list = await (await page.request.get("/api/v1/tokens")).json();
    expect(list.tokens.some((t: { name: string }) => t.name === name)).toBe(false);

    // Same-origin JSON works (Origin, or Sec-Fetch-Site from a browser that sends no Origin).
    const ok = await page.request.post("/api/v1/tokens", {
      headers: { Origin: origin, "Content-Type": "application/json" },
      // admin scope: this token creates another below (a read-only token could not).
      data: JSON.stringify({ name: `${name}-ok`, scopes: ["read", "admin"] }),
    });
    expect(ok.status()).toBe(201);
    const { token } = await ok.json();
    const ok2 = await page.request.post("/api/v1/tokens", {
      headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
      data: JSON.stringify({ name: `${name}-ok2` }),
    });
    expect(ok2.status()).toBe(201);

    // A bearer token is not a cookie: no Origin rule, but still JSON only.
    const anon = await newClient(playwright, baseURL);
    const viaToken = await anon.post("/api/v1/tokens", {
      headers: {
        Authorization: `Bearer ${token}`,
        Origin: "http://evil.example",
        "Content-Type": "application/json",
      },
      data: JSON.stringify({ name: `${name}-bearer` }),
    });
    expect(viaToken.status()).toBe(201);
    const textViaToken = await anon.post("/api/v1/tokens", {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      data: JSON.stringify({ name: `${name}-bearer-text` }),
    });
    expect(textViaToken.status()).toBe(403);
    await anon.dispose();
  },
);
