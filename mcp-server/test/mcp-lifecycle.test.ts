/** Auto-close ownership, shutdown, corrupt files, concurrency and crash safety over real processes. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readJson, type ServerHandle, startServer, tempDir, textOf } from "./helpers/mcp-harness.js";

let servers: ServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  servers = [];
});
async function server(opts: Parameters<typeof startServer>[0]) {
  const s = await startServer(opts);
  servers.push(s);
  return s;
}

type Json = Record<string, unknown>;
const START = {
  task_type: "debugging",
  model_name: "gpt-4.1",
  initial_estimate_minutes: 60,
  estimate_source: "manual",
  developer: "d",
  project: "p",
};
const sessionsIn = (dir: string) => readJson(join(dir, "sessions.json")) as Record<string, Json>;
const start = async (s: ServerHandle, name: string) => {
  const r = await s.call("start_ai_session", { ...START, session_name: name });
  expect(r.isError, textOf(r)).toBeFalsy();
  return r;
};
const idOf = (r: { structuredContent?: Json }) => String(r.structuredContent?.session_id);

// Each case starts its own servers on a fresh folder: the opening lines are alike by design.
describe("auto-close is scoped to the process that started a session", () => {
  it("a second window's start does not close the first window's session", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const b = await server({ outputDir: dir });
    const a1 = idOf(await start(a, "Window A first"));
    const b1 = await start(b, "Window B first");
    expect(b1.structuredContent?.auto_closed_sessions).toEqual([]);
    expect(sessionsIn(dir)[a1]?.status).toBe("active");

    const a2 = await start(a, "Window A second");
    expect(a2.structuredContent?.auto_closed_sessions).toEqual([a1]);
    expect(textOf(a2)).toContain(`\n⚠️ Auto-closed 1 previous session(s): ${a1}\n`);
    expect(sessionsIn(dir)[a1]).toMatchObject({
      status: "completed",
      outcome: "partial",
      notes: "[Auto-closed: new session started]",
    });
    expect(sessionsIn(dir)[idOf(b1)]?.status).toBe("active");
  });

  it("on stdin EOF a server closes only its own active sessions", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const b = await server({ outputDir: dir });
    const mine = idOf(await start(a, "Mine"));
    const theirs = idOf(await start(b, "Theirs"));
    await a.close(); // ends the server's stdin
    servers = servers.filter((s) => s !== a);
    await waitFor(() => sessionsIn(dir)[mine]?.status === "completed");
    expect(sessionsIn(dir)[mine]).toMatchObject({
      outcome: "partial",
      notes: "[Auto-closed: server shutdown]",
    });
    expect(sessionsIn(dir)[theirs]?.status).toBe("active");
  });

  it("SIGTERM closes this server's active session with the shutdown note", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const id = idOf(await start(a, "Long task"));
    process.kill(a.pid, "SIGTERM");
    await waitFor(() => sessionsIn(dir)[id]?.status === "completed");
    expect(sessionsIn(dir)[id]).toMatchObject({
      outcome: "partial",
      notes: "[Auto-closed: server shutdown]",
    });
  });

  it("caps the end time of an auto-closed session at the maximum duration", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir, args: ["--max-session-duration-hours", "0.0001"] });
    const first = idOf(await start(a, "Capped"));
    await new Promise((r) => setTimeout(r, 600));
    await start(a, "Next");
    const s = sessionsIn(dir)[first] ?? {};
    expect(String(s.notes)).toMatch(
      /^\[Auto-closed: new session started, exceeded 0\.0001h max duration \(was 0\.0h\)\]$/,
    );
    const ms = Date.parse(String(s.end_time)) - Date.parse(String(s.start_time));
    expect(ms).toBeGreaterThanOrEqual(359);
    expect(ms).toBeLessThanOrEqual(361);
  });
});

describe("server --dashboard-host/--dashboard-port", () => {
  it("answers tools at once and reports an unbuilt portal on stderr instead of building it", async () => {
    const portal = tempDir("ast-portal-");
    writeFileSync(join(portal, "package.json"), JSON.stringify({ name: "ai-session-tracker-portal" }));
    const dir = tempDir();
    const s = await server({
      outputDir: dir,
      args: ["--dashboard-host", "127.0.0.1", "--dashboard-port", "8765"],
      env: { AI_SESSION_TRACKER_PORTAL: portal },
    });
    await start(s, "with dashboard flags");
    for (let i = 0; i < 100 && !s.stderr().includes("dashboard not started"); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toContain("the portal is not built yet; run `ai-session-tracker dashboard` once");
    expect(readdirSync(portal)).not.toContain(".next");
  });
});

describe("ids never collide", () => {
  it("two sessions with the same name prefix in the same second both survive", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const ids = new Set<string>();
    for (const name of ["Dup name", "dup-name", "DUP NAME", "dup_name"]) ids.add(idOf(await start(a, name)));
    expect(ids.size).toBe(4);
    expect(Object.keys(sessionsIn(dir))).toHaveLength(4);
    expect([...ids].some((id) => /_\d{8}_\d{6}_2$/.test(id))).toBe(true);
  });
});

describe("corrupt files are moved aside, never overwritten", () => {
  it("keeps a truncated sessions.json and reports it in the next result", async () => {
    const dir = tempDir();
    const truncated = '{\n  "old_session_20260101_000000": {\n    "id": "old_se';
    writeFileSync(join(dir, "sessions.json"), truncated);
    const a = await server({ outputDir: dir });
    const r = await start(a, "After corruption");
    expect(textOf(r)).toMatch(/sessions\.json could not be read .*kept as .*sessions\.json\.corrupt-/);
    expect(r.structuredContent?.notices).toHaveLength(1);
    const aside = readdirSync(dir).filter((f) => f.startsWith("sessions.json.corrupt-"));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ""), "utf8")).toBe(truncated);
    expect(Object.keys(sessionsIn(dir))).toEqual([idOf(r)]);
    // The notice is given once.
    const next = await a.call("get_active_sessions", {});
    expect(next.structuredContent?.notices).toBeUndefined();
  });
});

describe("concurrency and crash safety", () => {
  it("two servers logging concurrently to one session lose nothing", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const b = await server({ outputDir: dir });
    const id = idOf(await start(a, "Shared"));
    const log = (s: ServerHandle, n: number) =>
      s.call("log_ai_interaction", {
        session_id: id,
        prompt: `p${n}`,
        response_summary: "r",
        effectiveness_rating: (n % 5) + 1,
      });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, n) => log(a, n)),
      ...Array.from({ length: 20 }, (_, n) => log(b, n + 20)),
    ]);
    expect(readJson(join(dir, "interactions.json"))).toHaveLength(40);
    expect(sessionsIn(dir)[id]?.total_interactions).toBe(40);
  });

  it("kill -9 in the middle of 1,000 writes leaves parseable files holding every acknowledged record", async () => {
    const dir = tempDir();
    const a = await server({ outputDir: dir });
    const id = idOf(await start(a, "Crash test"));
    const acknowledged: string[] = [];
    let killed = false;
    const writer = (async () => {
      for (let n = 0; n < 1000 && !killed; n++) {
        try {
          const r = await a.call(
            n % 10 === 9 ? "flag_ai_issue" : "log_ai_interaction",
            n % 10 === 9
              ? { session_id: id, issue_type: "t", description: `d${n}`, severity: "low" }
              : { session_id: id, prompt: `p${n}`, response_summary: "r", effectiveness_rating: 3 },
          );
          if (!r.isError) acknowledged.push(String(r.structuredContent?.timestamp));
        } catch {
          return; // the connection died with the process
        }
      }
    })();
    await waitFor(() => acknowledged.length >= 300);
    killed = true;
    process.kill(a.pid, "SIGKILL");
    await writer;
    servers = servers.filter((s) => s !== a);

    // A fresh server opens the folder (recovering an interrupted append) without losing anything.
    const b = await server({ outputDir: dir });
    await b.call("get_active_sessions", {});
    const interactions = readJson(join(dir, "interactions.json")) as Json[];
    const issues = readJson(join(dir, "issues.json")) as Json[];
    const stored = new Set([...interactions, ...issues].map((r) => String(r.timestamp)));
    const missing = acknowledged.filter((t) => !stored.has(t));
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(readdirSync(dir).filter((f) => f.includes(".corrupt-"))).toEqual([]);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // file mid-rename; try again
    }
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
