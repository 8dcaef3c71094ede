import type { Page } from "@playwright/test";
import { authTest, expect, snap } from "./fixtures";

async function setAssumptions(
  page: Page,
  v: { rate: string; seat: string; hours: string; oversight: string },
) {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "ROI assumptions" });
  await form.getByLabel("Human hourly rate").fill(v.rate);
  await form.getByLabel("AI cost per seat").fill(v.seat);
  await form.getByLabel("Working hours per month").fill(v.hours);
  await form.getByLabel("Oversight").fill(v.oversight);
  await form.getByRole("button", { name: "Save assumptions" }).click();
  await expect(form.getByRole("status")).toHaveText(/Assumptions saved/);
}

const DEFAULTS = { rate: "130", seat: "40", hours: "160", oversight: "20" };

authTest("changed assumptions are stored and applied at once", async ({ page }, testInfo) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "ROI assumptions" });
  // Upstream's defaults on a fresh DB.
  await expect(form.getByLabel("Human hourly rate")).toHaveValue("130");
  await expect(form.getByLabel("AI cost per seat")).toHaveValue("40");
  await expect(form.getByLabel("Working hours per month")).toHaveValue("160");
  await expect(form.getByLabel("Oversight")).toHaveValue("20");
  await expect(page.getByText("With these values an AI hour costs $0.25")).toBeVisible();
  await snap(page, "settings", testInfo);

  try {
    // Invalid input is refused with a field message, nothing is stored.
    await form.getByLabel("Working hours per month").fill("0");
    await form.getByRole("button", { name: "Save assumptions" }).click();
    await expect(form.getByText("Must be above 0")).toBeVisible();
    await page.reload();
    await expect(form.getByLabel("Working hours per month")).toHaveValue("160");

    await setAssumptions(page, { rate: "175", seat: "80", hours: "160", oversight: "25" });
    // Applied without a reload (the server action revalidates every page)…
    await expect(page.getByText("With these values an AI hour costs $0.50")).toBeVisible();
    // …and stored.
    await page.reload();
    await expect(form.getByLabel("Human hourly rate")).toHaveValue("175");
    await expect(form.getByLabel("Oversight")).toHaveValue("25");

    // Every ROI figure that shows its assumptions now shows the new ones.
    await page.goto("/");
    const info = page.getByRole("button", { name: "Assumptions used" });
    if ((await info.count()) > 0) {
      await info.first().click();
      await expect(page.getByTestId("assumptions-popover").first()).toContainText("$175.00/h");
      await expect(page.getByTestId("assumptions-popover").first()).toContainText("25 % of AI time");
    }
  } finally {
    await setAssumptions(page, DEFAULTS);
  }
});

authTest("the stale-after setting is stored", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Sync status" });
  await expect(form.getByLabel("Flag a source as stale after")).toHaveValue("7");
  await form.getByLabel("Flag a source as stale after").fill("10");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(form.getByLabel("Flag a source as stale after")).toHaveValue("10");
  await form.getByLabel("Flag a source as stale after").fill("7");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
});

authTest(
  "dark mode toggles, persists across reloads and loads without a flash",
  async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/settings");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/);
    const toggle = page.getByRole("button", { name: "Switch to dark mode" }).first();
    await toggle.click();
    await expect(html).toHaveClass(/dark/);
    await snap(page, "settings-dark", testInfo);

    // The inline script applies the stored choice before the first paint.
    await page.reload({ waitUntil: "commit" });
    await page.waitForSelector("body", { state: "attached" });
    await expect(html).toHaveClass(/dark/);

    await page.getByRole("button", { name: "Switch to light mode" }).first().click();
    await expect(html).not.toHaveClass(/dark/);
    await page.reload();
    await expect(html).not.toHaveClass(/dark/);
  },
);

authTest("on a phone the navigation opens from the menu button", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings");
  await page.getByRole("button", { name: "Open menu" }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Sessions" })).toBeVisible();
  await snap(page, "shell-mobile-menu", testInfo);
  await nav.getByRole("link", { name: "Sources" }).click();
  await expect(page).toHaveURL(/\/sources/);
  await expect(page.getByRole("button", { name: "Open menu" })).toBeVisible();
});
