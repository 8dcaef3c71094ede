import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTrackerError } from "../errors.js";
import { JOURNAL_FILE } from "./journal.js";
import { pyDumps } from "./json.js";
import { pythonDumps, tempDir } from "./test-helpers/fixtures.js";
import { type StorageEvent, TRACKER_FILES, TrackerStore } from "./tracker-store.js";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/upstream/run1", import.meta.url));

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const read = (name: string) => readFileSync(join(dir, name), "utf8");
const logged: string[] = [];
const open = (opts: Parameters<typeof TrackerStore.open>[1] = {}) =>
  TrackerStore.open(dir, { log: (l) => logged.push(l), ...opts });

describe("TrackerStore.open", () => {
  it("creates the folder, charts/, the four files and the journal", async () => {
    const sub = join(dir, "a", "b");
    await TrackerStore.open(sub);
    expect(readFileSync(join(sub, "sessions.json"), "utf8")).toBe("{}");
    for (const f of ["interactions.json", "issues.json", "requests.json"]) {
      expect(readFileSync(join(sub, f), "utf8")).toBe("[]");
    }
    expect(statSync(join(sub, "charts")).isDirectory()).toBe(true);
    expect(existsSync(join(sub, JOURNAL_FILE))).toBe(true);
    expect(existsSync(join(sub, ".tracker.lock"))).toBe(false);
  });

  it("leaves existing files untouched", async () => {
    writeFileSync(join(dir, "issues.json"), '[{"a": 1}]');
    await open();
    expect(read("issues.json")).toBe('[{"a": 1}]');
  });
});

describe("format and round trip", () => {
  it("writes sessions and arrays byte-identical to Python json.dumps(indent=2)", async () => {
    const store = await open();
    const session = {
      id: "s1",
      session_name: "Ünïcödé 😀",
      initial_estimate_minutes: 37.5,
      final_estimate_minutes: null,
      code_metrics: [],
      token_stats: {},
      notes: 'a "quoted"\nline',
    };
    await store.transaction((tx) => {
      tx.putSession("s1", session);
      tx.putSession("123", { id: "123", n: 1 });
      tx.appendInteraction({
        session_id: "s1",
        prompt: "héllo",
        tools_used: ["a", "b"],
        cache_hit_rate: 0.85,
      });
      tx.appendInteraction({ session_id: "s1", prompt: "x", tools_used: [] });
      tx.appendIssue({ session_id: "s1", resolved: false });
      tx.appendRequest({ id: "r1", note: "" });
    });
    for (const name of Object.values(TRACKER_FILES)) {
      const text = read(name);
      expect(text).toBe(pythonDumps(text));
      expect(text.endsWith("\n")).toBe(false);
    }
    // insertion order, even for an integer-like id (a plain JS object would put "123" first)
    expect(read("sessions.json").indexOf('"s1"')).toBeLessThan(read("sessions.json").indexOf('"123"'));
    const reopened = await open();
    await reopened.transaction((tx) => {
      expect([...tx.sessions().keys()]).toEqual(["s1", "123"]);
      expect(tx.getSession("s1")).toEqual(session);
      expect(tx.interactions()).toHaveLength(2);
      expect(tx.requests()).toEqual([{ id: "r1", note: "" }]);
    });
  });

  it("rewrites upstream files keeping every unchanged session's bytes; re-serialised ones lose only `.0`", async () => {
    for (const name of Object.values(TRACKER_FILES)) copyFileSync(join(FIXTURES, name), join(dir, name));
    const original = read("sessions.json");
    const store = await open();
    // 1. A rewrite that adds a session: every upstream byte survives (Python's `120.0` included).
    await store.transaction((tx) => tx.putSession("zz_new", { id: "zz_new", n: 1 }));
    const withNew = read("sessions.json");
    expect(withNew.startsWith(original.slice(0, -2))).toBe(true);
    expect(withNew).toContain('"initial_estimate_minutes": 120.0');
    expect(withNew).toBe(pythonDumps(withNew));
    // 2. Re-serialising unchanged upstream sessions differs only in integral floats (120.0 → 120).
    await store.transaction((tx) => {
      for (const [id, raw] of tx.sessions()) if (id !== "zz_new") tx.putSession(id, { ...raw });
    });
    const reserialised = read("sessions.json");
    const a = reserialised.split("\n");
    const b = withNew.split("\n");
    expect(a).toHaveLength(b.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [[b[i], line]]));
    expect(changed.length).toBeGreaterThan(0);
    for (const [before, after] of changed) expect(before?.replace(/\.0(,?)$/, "$1")).toBe(after);
    // 3. Array files: history untouched, the record appended in place, still json.dumps layout.
    await store.transaction((tx) => tx.appendRequest({ id: "new", tokens_in: 5 }));
    const reqOriginal = readFileSync(join(FIXTURES, "requests.json"), "utf8");
    expect(read("requests.json").startsWith(reqOriginal.slice(0, -2))).toBe(true);
    expect(read("requests.json")).toBe(pythonDumps(read("requests.json")));
  });

  it("keeps unknown and legacy fields through a rewrite", async () => {
    writeFileSync(
      join(dir, "sessions.json"),
      pyDumps({ old: { id: "old", human_time_estimate_minutes: 30, future_field: { x: [1, 2] } } }),
    );
    const store = await open();
    await store.transaction((tx) => {
      const old = tx.getSession("old");
      if (!old) throw new Error("missing");
      tx.putSession("old", { ...old, status: "completed" });
      tx.putSession("new", { id: "new" });
    });
    const data: unknown = JSON.parse(read("sessions.json"));
    expect(data).toEqual({
      old: { id: "old", human_time_estimate_minutes: 30, future_field: { x: [1, 2] }, status: "completed" },
      new: { id: "new" },
    });
  });

  it("replacing a session keeps its position; inserting appends", async () => {
    const store = await open();
    await store.transaction((tx) => {
      for (const id of ["a", "b", "c"]) tx.putSession(id, { id, v: 1 });
    });
    await store.transaction((tx) => {
      tx.putSession("b", { id: "b", v: 2 });
      tx.putSession("d", { id: "d" });
      expect([...tx.sessions().keys()]).toEqual(["a", "b", "c", "d"]);
    });
    expect(Object.keys(JSON.parse(read("sessions.json")))).toEqual(["a", "b", "c", "d"]);
    expect(JSON.parse(read("sessions.json")).b.v).toBe(2);
  });
});

describe("sessions.json tail rewrite", () => {
  const bigSessions = (n: number) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) o[`s${i}`] = { id: `s${i}`, notes: "x".repeat(200), total: 1 };
    return pyDumps(JSON.parse(JSON.stringify(o)));
  };

  it("rewrites only the tail in place when a recent session changes (growing and shrinking)", async () => {
    writeFileSync(join(dir, "sessions.json"), bigSessions(3000));
    const store = await open();
    const ino = statSync(join(dir, "sessions.json")).ino;
    const head = read("sessions.json").slice(0, 100_000);
    for (const total of [12345, 7, 123456789, 1]) {
      await store.transaction((tx) => {
        const s = tx.getSession("s2990");
        if (!s) throw new Error("missing");
        tx.putSession("s2990", { ...s, total });
      });
      const text = read("sessions.json");
      expect(text).toBe(pythonDumps(text));
      expect(JSON.parse(text).s2990.total).toBe(total);
      expect(text.startsWith(head)).toBe(true);
    }
    await store.transaction((tx) => tx.putSession("new", { id: "new" }));
    expect(statSync(join(dir, "sessions.json")).ino).toBe(ino); // never replaced: patched in place
    expect(Object.keys(JSON.parse(read("sessions.json"))).at(-1)).toBe("new");
    // a change near the start is a whole-file rewrite (through a temp file and a rename)
    await store.transaction((tx) => tx.putSession("s1", { id: "s1" }));
    expect(statSync(join(dir, "sessions.json")).ino).not.toBe(ino);
    expect(read("sessions.json")).toBe(pythonDumps(read("sessions.json")));
    const again = await open();
    await again.transaction((tx) => {
      expect(tx.sessions().size).toBe(3001);
      expect(tx.getSession("s2990")?.total).toBe(1);
    });
  });

  it("re-reads another writer's changes reusing the unchanged sessions", async () => {
    const a = await open();
    const b = await open();
    await a.transaction((tx) => {
      for (let i = 0; i < 50; i++) tx.putSession(`s${i}`, { id: `s${i}`, v: 0 });
    });
    const before = await a.transaction((tx) => tx.sessions());
    await b.transaction((tx) => tx.putSession("s49", { id: "s49", v: 1 }));
    await a.transaction((tx) => {
      expect(tx.getSession("s49")?.v).toBe(1);
      expect(tx.getSession("s0")).toBe(before.get("s0")); // same object: reused, not re-parsed
      expect(tx.getSession("s49")).not.toBe(before.get("s49"));
    });
  });
});

describe("array appends", () => {
  it("appends to [] and to a non-empty file in place, never rewriting history", async () => {
    const store = await open();
    await store.transaction((tx) => tx.appendIssue({ session_id: "s", n: 1 }));
    expect(read("issues.json")).toBe('[\n  {\n    "session_id": "s",\n    "n": 1\n  }\n]');
    const ino = statSync(join(dir, "issues.json")).ino;
    const before = read("issues.json");
    await store.transaction((tx) => {
      tx.appendIssue({ session_id: "s", n: 2 });
      tx.appendIssue({ session_id: "t", n: 3 });
    });
    const after = read("issues.json");
    expect(statSync(join(dir, "issues.json")).ino).toBe(ino); // same file: appended, not replaced
    expect(after.startsWith(before.slice(0, -2))).toBe(true);
    expect(after).toBe(pythonDumps(after));
    await store.transaction((tx) => {
      expect(tx.issuesForSession("s").map((r) => r.n)).toEqual([1, 2]);
      expect(tx.issuesForSession("t").map((r) => r.n)).toEqual([3]);
      expect(tx.issuesForSession("none")).toEqual([]);
    });
  });

  it("rewrites a compact (foreign) array once in our layout, then appends in place", async () => {
    writeFileSync(join(dir, "interactions.json"), '[{"session_id":"s","x":"\u00e9"}]\n');
    const store = await open();
    await store.transaction((tx) => tx.appendInteraction({ session_id: "s", x: 2 }));
    const text = read("interactions.json");
    expect(text).toBe(pythonDumps(text));
    expect(JSON.parse(text)).toEqual([
      { session_id: "s", x: "é" },
      { session_id: "s", x: 2 },
    ]);
  });

  it("sees its own pending writes, and writes nothing when the callback throws", async () => {
    const store = await open();
    await expect(
      store.transaction((tx) => {
        tx.appendInteraction({ session_id: "s" });
        tx.putSession("s", { id: "s" });
        expect(tx.interactionsForSession("s")).toHaveLength(1);
        expect(tx.interactions()).toHaveLength(1);
        expect(tx.getSession("s")).toEqual({ id: "s" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(read("interactions.json")).toBe("[]");
    expect(read("sessions.json")).toBe("{}");
    await store.transaction((tx) => expect(tx.interactions()).toHaveLength(0));
  });

  it("hands out frozen records that do not change after later appends", async () => {
    const store = await open();
    await store.transaction((tx) => tx.appendInteraction({ session_id: "s", n: 1 }));
    const first = await store.transaction((tx) => tx.interactionsForSession("s"));
    const all = await store.transaction((tx) => tx.interactions());
    await store.transaction((tx) => tx.appendInteraction({ session_id: "s", n: 2 }));
    expect(first).toHaveLength(1);
    expect(all).toHaveLength(1);
    expect(Object.isFrozen(first[0])).toBe(true);
    const original = { id: "x", list: [1] };
    await store.transaction((tx) => tx.putSession("x", original));
    original.list.push(2); // the caller's object stays the caller's
    await store.transaction((tx) => expect(tx.getSession("x")).toEqual({ id: "x", list: [1] }));
  });
});

describe("caching across writers", () => {
  it("picks up another store's writes (tail-parsing appended records) and keeps unchanged files cached", async () => {
    const a = await open();
    const b = await open();
    await a.transaction((tx) => {
      tx.appendInteraction({ session_id: "s", n: 1 });
      tx.putSession("s", { id: "s", total: 1 });
    });
    await b.transaction((tx) => {
      expect(tx.interactionsForSession("s")).toHaveLength(1);
      tx.appendInteraction({ session_id: "s", n: 2 });
      tx.putSession("s", { id: "s", total: 2 });
    });
    await a.transaction((tx) => {
      expect(tx.interactionsForSession("s").map((r) => r.n)).toEqual([1, 2]);
      expect(tx.getSession("s")?.total).toBe(2);
    });
  });

  it("notices a file replaced by a foreign writer", async () => {
    const store = await open();
    await store.transaction((tx) => tx.putSession("a", { id: "a" }));
    writeFileSync(join(dir, "sessions.json"), pyDumps({ z: { id: "z" } }));
    await store.transaction((tx) => expect([...tx.sessions().keys()]).toEqual(["z"]));
  });

  it("serialises parallel transactions in one process and lets nested ones join", async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.transaction(async (tx) => {
          const n = tx.getSession("c")?.n;
          await new Promise((r) => setTimeout(r, 1));
          tx.putSession("c", { n: (typeof n === "number" ? n : 0) + 1 });
        }),
      ),
    );
    await store.transaction(async (tx) => {
      expect(tx.getSession("c")?.n).toBe(20);
      await store.transaction((inner) => inner.putSession("c", { n: 21 }));
      expect(tx.getSession("c")?.n).toBe(21);
    });
    expect(JSON.parse(read("sessions.json")).c.n).toBe(21);
  });
});

describe("corrupt files", () => {
  it.each([
    ["sessions.json", "{", "not valid JSON"],
    ["sessions.json", "[]", "top-level value is an array"],
    ["interactions.json", '{"a": 1}', "top-level value is an object"],
    ["issues.json", '[{"truncated": ', "not valid JSON"],
    ["requests.json", "", "not valid JSON"],
  ])("moves %s (%j) aside, reports it, and continues on a fresh file", async (name, content, reason) => {
    writeFileSync(join(dir, name), content);
    const seen: StorageEvent[] = [];
    const store = await open({ onEvent: (e) => seen.push(e), now: () => new Date("2026-11-22T01:49:39Z") });
    await store.transaction((tx) => {
      tx.sessions();
      tx.interactions();
      tx.issues();
      tx.requests();
    });
    const events = store.drainEvents();
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.file).toBe(join(dir, name));
    expect(e?.movedTo).toBe(join(dir, `${name}.corrupt-20261122T014939Z`));
    expect(e?.reason).toContain(reason);
    expect(seen).toEqual(events);
    expect(readFileSync(e?.movedTo ?? "", "utf8")).toBe(content); // never overwritten
    expect(logged.at(-1)).toContain(`kept it as ${e?.movedTo}`);
    expect(read(name)).toBe(name === "sessions.json" ? "{}" : "[]");
    expect(store.drainEvents()).toEqual([]);
    // and writing works afterwards
    await store.transaction((tx) => {
      if (name === "sessions.json") tx.putSession("n", { id: "n" });
      else tx.appendRequest({ id: "r" });
    });
  });

  it("gives a second damaged copy a unique name", async () => {
    const now = () => new Date("2026-11-22T01:49:39Z");
    writeFileSync(join(dir, "issues.json"), "oops");
    const store = await open({ now });
    await store.transaction((tx) => tx.issues());
    writeFileSync(join(dir, "issues.json"), "oops again");
    await store.transaction((tx) => tx.issues());
    expect(
      readdirSync(dir)
        .filter((n) => n.startsWith("issues.json.corrupt-"))
        .sort(),
    ).toEqual(["issues.json.corrupt-20261122T014939Z", "issues.json.corrupt-20261122T014939Z-2"]);
  });
});

describe("crash recovery (journal)", () => {
  const crashAt = (step: string) => (s: string) => {
    if (s === step) throw new Error(`simulated crash at ${s}`);
  };

  async function seed() {
    const store = await open();
    await store.transaction((tx) => {
      tx.putSession("s", { id: "s", total: 1 });
      tx.appendInteraction({ session_id: "s", n: 1 });
    });
    return { sessions: read("sessions.json"), interactions: read("interactions.json") };
  }

  it("rolls back an append cut mid-record (journal left behind)", async () => {
    const before = await seed();
    const crashing = await open({ commitHook: crashAt("write:interactions.json") });
    await expect(
      crashing.transaction((tx) => tx.appendInteraction({ session_id: "s", n: 2, pad: "x".repeat(500) })),
    ).rejects.toThrow(/simulated crash/);
    // as if the process died halfway through writing the record
    truncateSync(join(dir, "interactions.json"), before.interactions.length + 100);
    expect(() => JSON.parse(read("interactions.json"))).toThrow();
    const events: StorageEvent[] = [];
    const store = await open({ onEvent: (e) => events.push(e) });
    expect(read("interactions.json")).toBe(before.interactions);
    expect(events).toEqual([
      { kind: "journal_recovered", outcome: "rolled_back", files: ["interactions.json"] },
    ]);
    await store.transaction((tx) => expect(tx.interactions()).toHaveLength(1));
  });

  it("keeps a complete append whose journal was not cleared", async () => {
    await seed();
    const crashing = await open({ commitHook: crashAt("write:interactions.json") });
    await expect(
      crashing.transaction((tx) => tx.appendInteraction({ session_id: "s", n: 2 })),
    ).rejects.toThrow();
    const store = await open();
    await store.transaction((tx) => expect(tx.interactions().map((r) => r.n)).toEqual([1, 2]));
  });

  it("is all-or-nothing across files: crash between two in-place writes → both undone", async () => {
    const before = await seed();
    const crashing = await open({ commitHook: crashAt("write:sessions.json") });
    await expect(
      crashing.transaction((tx) => {
        tx.appendInteraction({ session_id: "s", n: 2 });
        tx.putSession("s", { id: "s", total: 2 });
      }),
    ).rejects.toThrow();
    expect(read("sessions.json")).not.toBe(before.sessions); // the tail was already rewritten
    await crashing.transaction((tx) => {
      expect(tx.interactions()).toHaveLength(1);
      expect(tx.getSession("s")?.total).toBe(1);
    });
    expect(read("interactions.json")).toBe(before.interactions);
    expect(read("sessions.json")).toBe(before.sessions);
  });

  it("a crash before a rename leaves no trace", async () => {
    const before = await seed();
    writeFileSync(join(dir, "issues.json"), "[ ]"); // foreign layout: rewritten through a temp file
    const crashing = await open({ commitHook: crashAt("write:interactions.json") });
    await expect(
      crashing.transaction((tx) => {
        tx.appendIssue({ session_id: "s" });
        tx.appendInteraction({ session_id: "s", n: 2 });
      }),
    ).rejects.toThrow();
    truncateSync(join(dir, "interactions.json"), before.interactions.length + 5);
    await crashing.transaction((tx) => {
      expect(tx.interactions()).toHaveLength(1);
      expect(tx.issues()).toHaveLength(0);
    });
    expect(read("interactions.json")).toBe(before.interactions);
    expect(read("issues.json")).toBe("[ ]");
    expect(readdirSync(dir).some((n) => n.includes(".tmp-"))).toBe(false);
  });

  it("is all-or-nothing across files: after one rename → the rest is completed", async () => {
    await seed();
    // foreign layouts: both are rewritten through temp files and renames
    writeFileSync(join(dir, "issues.json"), "[ ]");
    writeFileSync(join(dir, "requests.json"), "[ ]");
    const crashing = await open({ commitHook: crashAt("rename:issues.json") });
    await expect(
      crashing.transaction((tx) => {
        tx.putSession("s", { id: "s", total: 2 });
        tx.appendIssue({ session_id: "s" });
        tx.appendRequest({ id: "r" });
        tx.appendInteraction({ session_id: "s", n: 2 });
      }),
    ).rejects.toThrow();
    expect(read("requests.json")).toBe("[ ]"); // not renamed yet when the "crash" happened
    const events: StorageEvent[] = [];
    const store = await open({ onEvent: (e) => events.push(e) });
    expect(events).toEqual([
      { kind: "journal_recovered", outcome: "rolled_forward", files: ["requests.json"] },
    ]);
    await store.transaction((tx) => {
      expect(tx.getSession("s")?.total).toBe(2);
      expect(tx.issues()).toHaveLength(1);
      expect(tx.requests()).toEqual([{ id: "r" }]);
      expect(tx.interactions()).toHaveLength(2);
    });
    expect(readdirSync(dir).some((n) => n.includes(".tmp-"))).toBe(false);
  });

  it("resets an unreadable journal", async () => {
    await seed();
    writeFileSync(join(dir, JOURNAL_FILE), '{"v":1,"epo');
    const store = await open();
    await store.transaction((tx) => expect(tx.interactions()).toHaveLength(1));
    expect(JSON.parse(read(JOURNAL_FILE)).v).toBe(1);
  });
});

describe("errors", () => {
  it("reports a failed write as TrackerError io and keeps the data", async () => {
    const store = await open();
    await store.transaction((tx) => tx.appendRequest({ id: "a" }));
    const { chmodSync } = await import("node:fs");
    chmodSync(dir, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root ignores permissions
      const err = await store.transaction((tx) => tx.putSession("x", { id: "x" })).catch((e: unknown) => e);
      expect(isTrackerError(err, "io")).toBe(true);
      expect(String(err)).toContain(dir);
    } finally {
      chmodSync(dir, 0o700);
    }
    await store.transaction((tx) => expect(tx.requests()).toEqual([{ id: "a" }]));
  });
});
