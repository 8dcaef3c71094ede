/**
 * `ai-session-tracker push` without a portal: usage errors (no token, bad URL), nothing to send, and an
 * unreachable portal — exit codes, and the token never in the output. Pushing to a real portal is the
 * e2e spec e2e/push-ingest.spec.ts (a real `next start`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliWorkspace, runCli } from "./helpers/cli-run.js";

const SECRET = "ast_secret_never_printed_0123456789";

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("ai-session-tracker push", () => {
  it("is listed in --help with its token variable", async () => {
    const ws = cliWorkspace();
    const r = await runCli(["--help"], { cwd: ws.cwd, env: ws.env });
    expect(r.stdout).toMatch(/^ {2}push /m);
    expect(r.stdout).toContain("AI_TRACKER_PUSH_TOKEN");
  });

  it("exits 2 without a token or with a URL that is not http(s)", async () => {
    const ws = cliWorkspace();
    const noToken = await runCli(["push", "--url", "http://127.0.0.1:1"], { cwd: ws.cwd, env: ws.env });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/AI_TRACKER_PUSH_TOKEN/);
    const badUrl = await runCli(["push", "--url", "ftp://x", "--token", SECRET], {
      cwd: ws.cwd,
      env: ws.env,
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stdout + badUrl.stderr).not.toContain(SECRET);
  });

  it("exits 1 when the folder holds no tracker file, or a file is not JSON", async () => {
    const ws = cliWorkspace({ AI_TRACKER_PUSH_TOKEN: SECRET });
    const empty = await runCli(["push", "--url", "http://127.0.0.1:1"], { cwd: ws.cwd, env: ws.env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no tracker files/);
    mkdirSync(ws.data, { recursive: true });
    writeFileSync(join(ws.data, "sessions.json"), '{"s1": {"id": ');
    const broken = await runCli(["push", "--url", "http://127.0.0.1:1"], { cwd: ws.cwd, env: ws.env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/sessions\.json is not valid JSON/);
  });

  it("exits 1 naming the portal when it cannot be reached, never printing the token", async () => {
    const ws = cliWorkspace({ AI_TRACKER_PUSH_TOKEN: SECRET });
    mkdirSync(ws.data, { recursive: true });
    writeFileSync(join(ws.data, "sessions.json"), "{}");
    const port = await closedPort();
    const r = await runCli(["push", "--url", `http://127.0.0.1:${port}`], { cwd: ws.cwd, env: ws.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
