import { authTest, expect, snap } from "./fixtures";
import { createUser } from "./fixtures/accounts";
import { insertToken } from "./fixtures/principals";

authTest(
  "API tokens: scopes chosen in the UI, secret shown once, scope checks, cascading revoke, delete",
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

    // Create an admin-scoped token in the UI: read is ticked by default, admin added.
    await page.goto("/settings");
    const name = `e2e admin token ${Date.now()}`;
    await page.getByLabel("Token name").fill(name);
    const form = page.getByRole("form", { name: "Create API token" });
    await expect(form.getByRole("checkbox", { name: /^read/ })).toBeChecked();
    await form.getByRole("checkbox", { name: /^admin/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenBox = page.getByTestId("new-api-token");
    await expect(tokenBox).toHaveText(/^ast_[A-Za-z0-9_-]{43}$/);
    const token = (await tokenBox.textContent())?.trim() ?? "";
    // The row whose name cell is exactly `n` (a child token's row also mentions its parent's name).
    const row = (n: string) =>
      page
        .getByTestId("api-tokens")
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: n, exact: true }) });
    await expect(row(name)).toContainText("read, admin");
    await snap(page, "settings-token", testInfo);
    // Shown once: a fresh load of the page lists the token but never its secret.
    await page.reload();
    await expect(row(name)).toBeVisible();
    expect(await page.content()).not.toContain(token);

    const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
    const authed = await anon.get("/api/v1/tokens", { headers: bearer(token) });
    expect(authed.status()).toBe(200);
    const body = await authed.json();
    const listed = body.tokens.find((t: { name: string }) => t.name === name);
    expect(listed).toMatchObject({ scopes: ["read", "admin"], created_by: { via: "session" } });
    // The secret never comes back from the API.
    expect(JSON.stringify(body)).not.toContain(token);

    // The admin token mints a read-only token (default scope), which may read but not manage tokens.
    const childName = `${name} child`;
    const minted = await anon.post("/api/v1/tokens", { headers: bearer(token), data: { name: childName } });
    expect(minted.status()).toBe(201);
    const child = (await minted.json()) as { token: string; info: { scopes: string[] } };
    expect(child.info.scopes).toEqual(["read"]);
    expect((await anon.get("/api/v1/summary", { headers: bearer(child.token) })).status()).toBe(200);
    const refused = await anon.post("/api/v1/tokens", {
      headers: bearer(child.token),
      data: { name: "nope" },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toBe('This API token lacks the "admin" scope');
    // Unknown scopes and fields are a 400, never silently dropped.
    const bad = await anon.post("/api/v1/tokens", {
      headers: bearer(token),
      data: { name: "bad", scopes: ["everything"] },
    });
    expect(bad.status()).toBe(400);

    await page.reload();
    await expect(row(childName)).toContainText(`token ${name}`);
    // Last used: time and the client's address.
    await expect(row(name)).toContainText(/\d{2}:\d{2} from [0-9a-fA-F:.]+/);

    // Revoking the admin token revokes what it created.
    await page.getByRole("button", { name: `Revoke token ${name}`, exact: true }).click();
    await expect(row(name)).toContainText("revoked");
    await expect(row(childName)).toContainText("revoked");
    expect((await anon.get("/api/v1/tokens", { headers: bearer(token) })).status()).toBe(401);
    const childAfter = await anon.get("/api/v1/summary", { headers: bearer(child.token) });
    expect(childAfter.status()).toBe(401);
    expect((await childAfter.json()).error.message).toBe("Invalid or revoked API token");

    // Revoked tokens stay listed until deleted.
    await page.getByRole("button", { name: `Delete token ${childName}`, exact: true }).click();
    await expect(row(childName)).toHaveCount(0);
    await expect(row(name)).toHaveCount(1);
    await anon.dispose();
  },
);

authTest(
  "an admin lists every user's tokens with their owner and revokes another's; a lead lists only its own",
  async ({ page, playwright, baseURL }) => {
    const email = `token-owner-${Date.now()}@e2e.test`;
    const leadId = await createUser({ email, password: "token-owner-password-1", role: "lead" });
    const leadToken = await insertToken(leadId, ["read"]);
    type Listed = { id: number; owner: { id: number; name: string } };
    const listed = async (res: { json: () => Promise<unknown> }) =>
      ((await res.json()) as { tokens: Listed[] }).tokens;

    const all = await listed(await page.request.get("/api/v1/tokens"));
    const theirs = all.find((t) => t.owner.id === leadId);
    expect(theirs?.owner.name).toBe(email);
    expect(all.some((t) => t.owner.id !== leadId)).toBe(true);

    const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const bearer = { Authorization: `Bearer ${leadToken}` };
    const own = await listed(await anon.get("/api/v1/tokens", { headers: bearer }));
    expect(own.map((t) => t.owner.id)).toEqual([leadId]);

    await page.goto("/settings");
    await expect(page.getByTestId("api-tokens").getByRole("columnheader", { name: "Owner" })).toBeVisible();
    const revoke = await page.request.delete(`/api/v1/tokens/${theirs?.id}`, {
      headers: { Origin: new URL(baseURL ?? "").origin },
    });
    expect(revoke.status()).toBe(204);
    expect((await anon.get("/api/v1/tokens", { headers: bearer })).status()).toBe(401);
    await anon.dispose();
  },
);
