/**
 * Prompt privacy (issue 12, item 3): a developer whose recorder runs with AI_TRACKER_PROMPTS=none sends
 * only lengths and hashes to the share; the session page says "Prompt withheld (N characters)" instead of
 * showing an empty prompt, and no prompt text reaches the page. The folder is written by the real
 * recorder (the built CLI) into the watched fixture root at test time and removed afterwards, like
 * live-refresh.spec.ts (other journeys assert exact figures).
 */
import { mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { recordSession } from "../test-support/recorder-cli";
import { FIXTURE_ROOT } from "./fixture-folder";
import { expect, authTest as test } from "./fixtures";
import { removeDeveloperFolder, waitForIngest } from "./fixtures/shared-folder";

const DEV = "zz-private-developer";
const PROMPT = "Rotate the key sk-live-PRIVATE-42 in the billing job ✓";
const SUMMARY = "Moved the key to the vault";

test.describe("withheld prompts", () => {
  test.beforeAll(async () => {
    // Recorded beside the watched root, then moved in whole: the first ingest sees the finished folder.
    const staging = path.join(path.dirname(FIXTURE_ROOT), `.${DEV}-staging`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    recordSession({
      dir: staging,
      level: "none",
      developer: DEV,
      project: "billing",
      name: "Private session",
      interactions: [{ prompt: PROMPT, summary: SUMMARY, rating: 4 }],
    });
    rmSync(path.join(FIXTURE_ROOT, DEV), { recursive: true, force: true });
    renameSync(staging, path.join(FIXTURE_ROOT, DEV));
    await waitForIngest(DEV);
  });

  test.afterAll(async () => {
    await removeDeveloperFolder(DEV);
  });

  test("the session page says each text was withheld, with its length", async ({ page }) => {
    await page.goto("/sessions?range=all&sort=developer&dir=desc");
    await page.getByRole("row").filter({ hasText: DEV }).getByTestId("session-link").click();
    const timeline = page.getByTestId("interaction-timeline");
    // Lengths counted here, in Unicode characters, independently of the recorder and the page.
    await expect(timeline).toContainText(`Prompt withheld (${Array.from(PROMPT).length} characters)`);
    await expect(timeline).toContainText(
      `Response summary withheld (${Array.from(SUMMARY).length} characters)`,
    );
    await expect(page.locator("main")).not.toContainText("sk-live");
    await expect(page.locator("main")).not.toContainText("vault");
  });
});
