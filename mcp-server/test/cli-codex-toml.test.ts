/** Unit tests of the codex config.toml section editor (text-level, byte-preserving). */
import { describe, expect, it } from "vitest";
import { parseTableHeader, tomlString, upsertCodexServer } from "../src/cli/install/codex-toml.js";

const entry = {
  command: "/usr/bin/node",
  args: ["/pkg/dist/cli/main.js", "server"],
  env: { AI_MAX_SESSION_DURATION_HOURS: "4.0" },
};
const ours = [
  "[mcp_servers.ai-session-tracker]",
  'command = "/usr/bin/node"',
  'args = ["/pkg/dist/cli/main.js", "server"]',
  "",
  "[mcp_servers.ai-session-tracker.env]",
  'AI_MAX_SESSION_DURATION_HOURS = "4.0"',
].join("\n");

describe("parseTableHeader", () => {
  it.each([
    ["[a]", ["a"]],
    ["  [ mcp_servers . ai-session-tracker ]  # c", ["mcp_servers", "ai-session-tracker"]],
    ['[mcp_servers."ai-session-tracker".env]', ["mcp_servers", "ai-session-tracker", "env"]],
    ["[[profiles]]", ["profiles"]],
    ["['lit.eral']", ["lit.eral"]],
  ])("%s", (line, keys) => expect(parseTableHeader(line)).toEqual(keys));
  it.each([["[1, 2],"], ['args = ["a"]'], ["[a"], ["# [a]"], ["[a] x"]])("not a header: %s", (line) =>
    expect(parseTableHeader(line)).toBeNull(),
  );
});

describe("upsertCodexServer", () => {
  it("writes our section into an empty file", () => {
    expect(upsertCodexServer("", entry)).toBe(`${ours}\n`);
  });

  it("is a fixed point", () => {
    const once = upsertCodexServer('model = "o3"\n', entry);
    expect(upsertCodexServer(once, entry)).toBe(once);
  });

  it("keeps CRLF line endings and a file without a final newline", () => {
    const text =
      'model = "o3"\r\n\r\n[mcp_servers.ai-session-tracker]\r\ncommand = "old"\r\n\r\n[x]\r\ny = 1';
    const out = upsertCodexServer(text, entry);
    expect(out).toBe(`model = "o3"\r\n\r\n${ours.replaceAll("\n", "\r\n")}\r\n\r\n[x]\r\ny = 1`);
  });

  it("ignores header-looking lines inside multi-line strings", () => {
    const text = 'prompt = """\n[mcp_servers.ai-session-tracker]\n"""\n';
    expect(upsertCodexServer(text, entry)).toBe(`${text}\n${ours}\n`);
  });

  it("leaves the user's inline env table alone and adds no env subtable", () => {
    const text = '[mcp_servers.ai-session-tracker]\ncommand = "old"\nenv = { AI_OUTPUT_DIR = "/x" }\n';
    expect(upsertCodexServer(text, entry)).toBe(
      '[mcp_servers.ai-session-tracker]\ncommand = "/usr/bin/node"\nargs = ["/pkg/dist/cli/main.js", "server"]\nenv = { AI_OUTPUT_DIR = "/x" }\n',
    );
  });

  it("does not touch a server whose name merely starts like ours", () => {
    const text = '[mcp_servers.ai-session-tracker-old]\ncommand = "x"\n';
    expect(upsertCodexServer(text, entry)).toBe(`${text}\n${ours}\n`);
  });

  it("escapes paths for TOML basic strings", () => {
    expect(tomlString("C:\\Program Files\\nodejs\\node.exe")).toBe(
      '"C:\\\\Program Files\\\\nodejs\\\\node.exe"',
    );
    expect(tomlString('a"b\u007f')).toBe('"a\\"b\\u007F"');
  });
});
