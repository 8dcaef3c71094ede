/**
 * The /api/v1 contract against `next start`: strict query validation (a page falls back, the API answers
 * 400 with the zod issue), the ETag / 304 round trip of a read, and the OpenAPI document.
 */
import { test as anonymous, expect, authTest as test } from "./fixtures";

test.describe("API contract", () => {
  test("an unknown value, page size or parameter is a 400 naming it; the page still falls back", async ({
    page,
  }) => {
    const cases: [string, string][] = [
      ["/api/v1/summary?range=bogus", "range"],
      ["/api/v1/sessions?pageSize=1000", "pageSize"],
      ["/api/v1/sessions?page=0", "page"],
      ["/api/v1/developers?outcome=meh", "outcome"],
      ["/api/v1/models?sort=bogus", "sort"],
    ];
    for (const [url, field] of cases) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; issues: { fieldErrors: Record<string, string[]> } };
      };
      expect(body.error.code).toBe("bad_request");
      expect(Object.keys(body.error.issues.fieldErrors), url).toEqual([field]);
    }
    const unknown = await page.request.get("/api/v1/summary?rnage=7d");
    expect(unknown.status()).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("rnage");
    expect((await page.request.get("/api/v1/sources?x=1")).status()).toBe(400);
    // CSV goes through the same strict parser (a signed-in user has the export scope by role).
    for (const url of [
      "/api/v1/sessions?format=csv&rnage=7d",
      "/api/v1/developers?format=csv&range=bogus",
      "/api/v1/projects?format=csv&sort=bogus",
      "/api/v1/sessions?format=xml",
      "/api/v1/sessions?excel=1",
      "/api/v1/summary?format=csv",
    ]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(400);
      expect(res.headers()["content-type"], url).toContain("application/json");
    }
    expect((await page.request.get("/api/v1/sessions?format=csv&range=all&pageSize=200")).status()).toBe(200);
    // The developers table's Export link carries its sort (CSV only: the JSON list is not sorted).
    expect((await page.request.get("/api/v1/developers?format=csv&sort=hoursSaved&dir=asc")).status()).toBe(
      200,
    );
    expect((await page.request.get("/api/v1/developers?sort=hoursSaved")).status()).toBe(400);
    // Valid values still answer, and the pages keep their lenient, visible fallback.
    expect(
      (await page.request.get("/api/v1/sessions?range=all&pageSize=200&sort=duration&dir=asc")).status(),
    ).toBe(200);
    expect((await page.goto("/?range=bogus"))?.status()).toBe(200);
  });

  test("a read answers ETag and Last-Modified, and 304 when If-None-Match matches", async ({ page }) => {
    const first = await page.request.get("/api/v1/summary?range=all");
    expect(first.status()).toBe(200);
    const etag = first.headers().etag ?? "";
    expect(etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(first.headers()["last-modified"] ?? "")).not.toBeNaN();
    const again = await page.request.get("/api/v1/summary?range=all", { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    expect(again.headers().etag).toBe(etag);
    expect(await again.text()).toBe("");
    const other = await page.request.get("/api/v1/summary?range=7d", { headers: { "If-None-Match": etag } });
    expect(other.status()).toBe(200);
    expect(other.headers().etag).not.toBe(etag);
    const stale = await page.request.get("/api/v1/summary?range=all", {
      headers: { "If-None-Match": 'W/"old"' },
    });
    expect(stale.status()).toBe(200);
    expect(await stale.json()).toEqual(await first.json());
  });

  test("settings: GET, a PUT outside the bounds is a 400, a PUT moves the figures' ETag", async ({
    page,
    baseURL,
  }) => {
    // A cookie write must be same-origin JSON (lib/auth/write-guard.ts).
    const headers = { Origin: new URL(baseURL ?? "").origin, "Content-Type": "application/json" };
    const putSettings = (data: unknown) =>
      page.request.put("/api/v1/settings", { headers, data: JSON.stringify(data) });
    const before = (await (await page.request.get("/api/v1/settings")).json()) as {
      settings: { stale_after_days: number };
    };
    const days = before.settings.stale_after_days;
    expect(days).toBeGreaterThan(0);
    const bad = await putSettings({ stale_after_days: 9999 });
    expect(bad.status()).toBe(400);
    expect((await putSettings({ nope: 1 })).status()).toBe(400);
    // The settings page's camelCase names are not the API's: an unknown key, refused (never ignored).
    expect((await putSettings({ staleAfterDays: days })).status()).toBe(400);
    const etag = (await page.request.get("/api/v1/summary?range=all")).headers().etag ?? "";
    try {
      const put = await putSettings({ stale_after_days: days + 1 });
      expect(put.status()).toBe(200);
      expect(((await put.json()) as typeof before).settings.stale_after_days).toBe(days + 1);
      const after = await page.request.get("/api/v1/summary?range=all", {
        headers: { "If-None-Match": etag },
      });
      expect(after.status()).toBe(200);
      expect(after.headers().etag).not.toBe(etag);
    } finally {
      await putSettings({ stale_after_days: days });
    }
  });

  test("developers/{name} answers the developer's figures of the developers list; 404 for no data", async ({
    page,
  }) => {
    const list = (await (await page.request.get("/api/v1/developers?range=all")).json()) as {
      developers: { developer: string; sessions: number; roi: unknown }[];
    };
    const first = list.developers[0];
    expect(first).toBeDefined();
    const res = await page.request.get(
      `/api/v1/developers/${encodeURIComponent(first?.developer ?? "")}?range=all`,
    );
    expect(res.status()).toBe(200);
    const one = (await res.json()) as { developer: string; roi: unknown; kpis: { sessions: number } };
    expect(one.developer).toBe(first?.developer);
    expect(one.roi).toEqual(first?.roi);
    expect(one.kpis.sessions).toBe(first?.sessions);
    expect((await page.request.get("/api/v1/developers/no-such-developer")).status()).toBe(404);
  });

  test("the OpenAPI 3.1 document lists the routes with their scopes", async ({ page }) => {
    const res = await page.request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/sessions"]?.get?.["x-required-scope"]).toBe("read");
    expect(doc.paths["/api/v1/ingest"]?.post?.["x-required-scope"]).toBe("ingest");
  });
});

anonymous("the OpenAPI document needs a signed-in user or a token", async ({ request }) => {
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(401);
});
