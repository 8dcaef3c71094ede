/**
 * Security headers (issue 8, item 6): a nonce-based Content-Security-Policy on pages (signed in and
 * out), the fixed headers on pages, API routes and static assets, and pages that still work under the
 * policy — no CSP violation and no console error on the overview, a session page and the login page.
 */
import type { APIResponse } from "@playwright/test";
import { authTest, expect, test } from "./fixtures";
import { watchViolations } from "./fixtures/violations";

function directives(csp: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values.join(" "));
  }
  return out;
}

function expectFixedHeaders(res: APIResponse, what: string): void {
  const h = res.headers();
  expect(h["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(h["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(h["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  // The e2e server is plain http: HSTS would be ignored there and must not be sent.
  expect(h["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
}

/** Asserts the page's CSP is nonce-based and every script in its HTML carries that nonce. */
async function expectNonceCsp(res: APIResponse, what: string): Promise<string> {
  const csp = res.headers()["content-security-policy"];
  expect(csp, `${what}: CSP header`).toBeTruthy();
  const d = directives(csp ?? "");
  const script = d.get("script-src") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
  expect(nonce, `${what}: script-src has a nonce`).toBeTruthy();
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(d.get("frame-ancestors")).toBe("'none'");
  expect(d.get("object-src")).toBe("'none'");
  expect(d.get("base-uri")).toBe("'self'");
  expect(d.get("form-action")).toBe("'self'");
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${what}: the page has scripts`).toBeGreaterThan(0);
  for (const tag of scripts)
    expect(tag, `${what}: script without this request's nonce`).toContain(`nonce="${nonce}"`);
  return nonce ?? "";
}

test.describe("security headers, signed out", () => {
  test("the login page has a nonce CSP, the fixed headers and a fresh nonce per response", async ({
    request,
  }) => {
    const a = await request.get("/login");
    expect(a.status()).toBe(200);
    expectFixedHeaders(a, "/login");
    const first = await expectNonceCsp(a, "/login");
    const second = await expectNonceCsp(await request.get("/login"), "/login again");
    expect(second).not.toBe(first);
  });

  test("API routes, redirects and static assets carry the fixed headers", async ({ request }) => {
    expectFixedHeaders(await request.get("/api/health"), "/api/health");
    const unauthorized = await request.get("/api/v1/summary");
    expect(unauthorized.status()).toBe(401);
    expectFixedHeaders(unauthorized, "401 API");
    const redirect = await request.get("/sessions", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectFixedHeaders(redirect, "redirect to /login");
    const html = await (await request.get("/login")).text();
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset, "a static chunk on the login page").toBeTruthy();
    const res = await request.get(asset ?? "");
    expect(res.status()).toBe(200);
    expectFixedHeaders(res, asset ?? "static");
  });

  test("the login page works under the policy: no violation, no console error", async ({ page }) => {
    const problems = await watchViolations(page);
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await page.getByLabel("E-mail").fill("nobody@e2e.test");
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#login-error")).toBeVisible();
    expect(await problems()).toEqual([]);
  });
});

authTest.describe("security headers, signed in", () => {
  authTest("dashboard pages have a nonce CSP on every script", async ({ request }) => {
    for (const path of ["/?range=all", "/sessions?range=all", "/settings"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expectFixedHeaders(res, path);
      await expectNonceCsp(res, path);
    }
  });

  authTest(
    "overview and a session page render charts with no CSP violation or console error",
    async ({ page }) => {
      const problems = await watchViolations(page);
      await page.goto("/?range=all");
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      // Charts draw (recharts) and the live-refresh stream connects: both need script and connect-src.
      await expect(page.locator(".recharts-surface").first()).toBeVisible();
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
      await page.getByTestId("session-link").first().click();
      await expect(page.getByTestId("interaction-timeline")).toBeVisible();
      expect(await problems()).toEqual([]);
    },
  );

  authTest("the theme script runs under the policy (dark mode before first paint)", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/sessions");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });
});
