import { defineConfig } from "vitest/config";

// One run covers the whole repository: the MCP package and the portal's lib/.
// CI sets TEST_REPORT_DIR to collect machine-readable totals (see .ci/run).
const reportDir = process.env.TEST_REPORT_DIR;

export default defineConfig({
  test: {
    reporters: reportDir ? ["default", "json"] : ["default"],
    ...(reportDir ? { outputFile: { json: `${reportDir}/vitest.json` } } : {}),
    projects: [
      {
        test: {
          name: "mcp-server",
          root: "./mcp-server",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
        test: {
          name: "portal",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
