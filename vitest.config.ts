import { defineConfig } from "vitest/config";

// One run covers the whole repository: the MCP package and the portal's lib/.
export default defineConfig({
  test: {
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
