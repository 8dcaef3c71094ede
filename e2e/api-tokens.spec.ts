import { authTest, expect, snap } from "./fixtures";

authTest(
  "the API refuses anonymous calls and accepts a token created on the settings page",
  async ({ page, playwright, baseURL }, testInfo) => {
    // Explicitly cookie-less: the runner would otherwise hand this context the signed-in storage state.
    const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const denied = await anon.get("/api/v1/tokens");
    expect(denied.status()).toBe(401);
    expect((await denied.json()).error.code).toBe("unauthorized");
    const forged = await anon.get("/api/v1/tokens", {
      headers: { Authorization: "Bearer ast_not-a-real-token" },
    });
    expect(forged.status()).toBe(401);

    await page.goto("/settings");
    const name = `e2e token ${Date.now()}`;
    await page.getByLabel("Token name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenBox = page.getByTestId("new-api-token");
    await expect(tokenBox).toHaveText(/^ast_[A-Za-z0-9_-]{43}$/);
    const token = (await tokenBox.textContent())?.trim() ?? "";
    await expect(page.getByTestId("api-tokens")).toContainText(name);
    await snap(page, "settings-token", testInfo);

    const authed = await anon.get("/api/v1/tokens", { headers: { Authorization: `Bearer ${token}` } });
    expect(authed.status()).toBe(200);
    const body = await authed.json();
    expect(body.tokens.some((t: { name: string }) => t.name === name)).toBe(true);
    // The secret never comes back from the API.
    expect(JSON.stringify(body)).not.toContain(token);

    // Revoked → refused.
    await page.getByRole("button", { name: `Revoke token ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
    const revoked = await anon.get("/api/v1/tokens", { headers: { Authorization: `Bearer ${token}` } });
    expect(revoked.status()).toBe(401);
    await anon.dispose();
  },
);
