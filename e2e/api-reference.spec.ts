/**
 * The API reference page: Swagger UI renders the portal's own OpenAPI document under the nonce CSP (no
 * violation, no script error), reached from the nav, behind sign-in; "Try it out" runs a read with the
 * viewer's session and is not offered for writes. Its axe and layout checks are in ui-layout-a11y.spec
 * (every page of the route tree).
 */
import { expect, test as signedOut, snap, authTest as test } from "./fixtures";
import { watchViolations } from "./fixtures/violations";

test("the reference lists every operation of /api/v1/openapi.json and runs a read", async ({
  page,
}, testInfo) => {
  const violations = await watchViolations(page);
  await page.goto("/sources");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const ref = page.getByTestId("api-reference");
  await expect(ref).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });

  const doc = (await (await page.request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
  expect(ids.length).toBeGreaterThan(15);
  await expect(ref.locator(".opblock")).toHaveCount(ids.length);

  // A read: expand it, try it out, execute — the browser's own session answers with the snake_case body.
  const sources = ref.locator("#operations-default-getSources");
  await sources.locator(".opblock-summary-control").click();
  await sources.getByRole("button", { name: "Try it out" }).click();
  await sources.getByRole("button", { name: "Execute" }).click();
  const live = sources.locator(".live-responses-table .response");
  await expect(live.locator(".response-col_status")).toContainText("200");
  await expect(live.locator(".response-col_description")).toContainText('"now_ms"');
  await snap(page, "api-reference", testInfo);

  // A write is documented but not sent from here (it would act as the viewer).
  const createToken = ref.locator("#operations-default-postTokens");
  await createToken.locator(".opblock-summary-control").click();
  await expect(createToken.locator(".opblock-body")).toBeVisible();
  await expect(createToken.getByRole("button", { name: "Try it out" })).toHaveCount(0);

  expect(await violations()).toEqual([]);
});

signedOut("the reference is behind sign-in", async ({ page }) => {
  await page.goto("/api-reference");
  await expect(page).toHaveURL(/\/login/);
});
