import { ADMIN } from "./fixture-folder";
import { authTest, expect, signIn, snap, test } from "./fixtures";

const PAGES = ["/", "/developers", "/projects", "/models", "/sessions", "/issues", "/sources", "/settings"];

test.describe("signed out", () => {
  for (const path of PAGES) {
    test(`${path} redirects to the login page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login(\?|$)/);
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      if (path !== "/") expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(path);
    });
  }

  test("a wrong password is rejected, the right one lands on the overview", async ({ page }, testInfo) => {
    await page.goto("/login");
    await snap(page, "login", testInfo);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#login-error")).toHaveText("Wrong e-mail or password.");
    await expect(page).toHaveURL(/\/login/);

    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("current-user")).toHaveText(ADMIN.email);
  });

  test("after sign-in the user returns to the page they asked for", async ({ page }) => {
    await page.goto("/settings");
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });
});

authTest("sign-out ends the session", async ({ browser, baseURL }) => {
  // Own, empty context (the runner would hand it the shared signed-in state): sign in, then out.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

authTest("skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/settings");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});
