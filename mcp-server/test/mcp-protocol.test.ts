/** Line-level protocol robustness: every malformed message gets a reply and the server lives on. */
import { afterEach, describe, expect, it } from "vitest";
import { exited, spawnRawServer, tempDir } from "./helpers/mcp-harness.js";

const raw: Array<ReturnType<typeof spawnRawServer>> = [];
afterEach(() => {
  for (const r of raw.splice(0)) r.child.kill("SIGKILL");
});

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

describe("malformed lines", () => {
  it("answers each with a JSON-RPC error and keeps serving", async () => {
    const server = spawnRawServer(tempDir());
    raw.push(server);
    const init = await server.send(INIT);
    expect(init).toMatchObject({ id: 0, result: { serverInfo: { name: "ai-session-tracker" } } });
    server.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);

    const bad: Array<[string, number]> = [
      ["{not json", -32700],
      ["[1, 2]", -32600],
      ['[{"jsonrpc":"2.0","id":9,"method":"tools/list"}]', -32600],
      ['"a string"', -32600],
      ["42", -32600],
      ["null", -32600],
      ['{"jsonrpc":"1.0","id":3,"method":"tools/list"}', -32600],
    ];
    for (const [line, code] of bad) {
      const reply = await server.send(line);
      expect(reply, line).toMatchObject({ jsonrpc: "2.0", error: { code } });
    }

    // params: null on tools/call → an error reply for that id, not a crash.
    const nullParams = await server.send('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":null}');
    expect(nullParams).toMatchObject({ id: 5, error: { code: -32602 } });

    // arguments: null → a tool error result naming the missing fields.
    const nullArgs = await server.send(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 6,
        method: "tools/call",
        params: { name: "start_ai_session", arguments: null },
      }),
    );
    expect(nullArgs).toMatchObject({ id: 6, result: { isError: true } });

    const unknownTool = await server.send(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "nope", arguments: {} },
      }),
    );
    expect(unknownTool).toMatchObject({ id: 7, error: { code: -32602 } });

    const ping = await server.send('{"jsonrpc":"2.0","id":8,"method":"ping"}');
    expect(ping).toMatchObject({ id: 8, result: {} });

    const list = await server.send('{"jsonrpc":"2.0","id":10,"method":"tools/list"}');
    expect((list.result as { tools: unknown[] }).tools).toHaveLength(9);
    expect(server.child.exitCode).toBeNull();
  });

  it("discards an oversized line and answers the next one", async () => {
    const server = spawnRawServer(tempDir());
    raw.push(server);
    await server.send(INIT);
    const reply = await server.send(
      `{"jsonrpc":"2.0","id":1,"method":"x","params":{"p":"${"a".repeat(11 * 1024 * 1024)}"}}`,
    );
    expect(reply).toMatchObject({ error: { code: -32600 } });
    const list = await server.send('{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    expect(list).toMatchObject({ id: 2 });
  });

  it("exits 0 on stdin EOF", async () => {
    const server = spawnRawServer(tempDir());
    raw.push(server);
    await server.send(INIT);
    server.child.stdin.end();
    expect(await exited(server.child)).toBe(0);
  });
});
