/**
 * One full recorder session (start_ai_session → log_ai_interaction → end_ai_session) through the MCP SDK
 * client over stdio against any command line — the built bin, an installed copy, or a config's command.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { expect } from "vitest";
import { z } from "zod";

/** Drives one full session through the SDK client against `command args` and returns the session id. */
export async function recordSession(opts: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}): Promise<string> {
  const transport = new StdioClientTransport({ ...opts, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "tarball-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    const textOf = (r: Awaited<ReturnType<typeof client.callTool>>) =>
      z.array(z.object({ type: z.literal("text"), text: z.string() })).parse(r.content)[0]?.text ?? "";
    const started = await client.callTool({
      name: "start_ai_session",
      arguments: {
        session_name: "Fix login redirect",
        task_type: "debugging",
        model_name: "test-model",
        initial_estimate_minutes: 60,
        estimate_source: "manual",
      },
    });
    expect(started.isError ?? false, textOf(started)).toBe(false);
    const sessionId = z.object({ session_id: z.string() }).parse(started.structuredContent).session_id;
    const logged = await client.callTool({
      name: "log_ai_interaction",
      arguments: {
        session_id: sessionId,
        prompt: "Why does /login loop?",
        response_summary: "Found the cookie bug",
        effectiveness_rating: 4,
      },
    });
    expect(logged.isError ?? false, textOf(logged)).toBe(false);
    const ended = await client.callTool({
      name: "end_ai_session",
      arguments: { session_id: sessionId, outcome: "success", final_estimate_minutes: 30 },
    });
    expect(ended.isError ?? false, textOf(ended)).toBe(false);
    return sessionId;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nserver stderr:\n${stderr}`);
  } finally {
    await client.close();
  }
}
