/** tools/list over the real stdio server carries each tool's MCP annotations (behaviour hints for clients). */
import { afterEach, describe, expect, it } from "vitest";
import { type ServerHandle, startServer, tempDir } from "./helpers/mcp-harness.js";

let server: ServerHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const READ_ONLY = { readOnlyHint: true, openWorldHint: false };
const APPENDS = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const UPDATES = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false };

describe("tool annotations", () => {
  it("marks the get_* tools read-only and says which writes only append and which change records", async () => {
    server = await startServer({ outputDir: tempDir() });
    const { tools } = await server.client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    expect(byName).toEqual({
      start_ai_session: UPDATES, // auto-closes this server's earlier active sessions
      log_ai_interaction: APPENDS,
      end_ai_session: UPDATES, // ending an ended session ends it again (new end time)
      flag_ai_issue: APPENDS,
      log_code_metrics: APPENDS,
      get_ai_observability: READ_ONLY,
      get_active_sessions: READ_ONLY,
      log_ai_request: APPENDS,
      get_request_stats: READ_ONLY,
    });
    for (const t of tools.filter((x) => x.name.startsWith("get_")))
      expect(t.annotations?.readOnlyHint).toBe(true);
  });
});
