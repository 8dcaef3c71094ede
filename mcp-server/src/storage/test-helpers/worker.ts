/**
 * Child process for the multi-process storage tests (run with `node --import tsx`).
 *   contend <dir> <n>      n transactions: append an interaction + bump sessions["counter"].count
 *   hold <dir>             take the lock, print "locked", then hang (the test kill -9s it)
 *   append-loop <dir>      append interactions forever, printing each index once acknowledged
 */
import { TrackerStore } from "../tracker-store.js";

const [mode, dir, nArg] = process.argv.slice(2);
if (!mode || !dir) throw new Error("usage: worker.ts <mode> <dir> [n]");
const store = await TrackerStore.open(dir, { lockTimeoutMs: 60_000 });

if (mode === "contend") {
  const n = Number(nArg ?? "25");
  for (let i = 0; i < n; i++) {
    await store.transaction((tx) => {
      tx.appendInteraction({ session_id: "counter", pid: process.pid, i });
      const prev = tx.getSession("counter");
      const count = typeof prev?.count === "number" ? prev.count : 0;
      tx.putSession("counter", { ...(prev ?? { id: "counter" }), count: count + 1 });
    });
  }
} else if (mode === "hold") {
  await store.transaction(async () => {
    process.stdout.write("locked\n");
    // a pending promise alone would let node exit (code 13); a ref'ed timer keeps the holder alive
    await new Promise(() => setInterval(() => {}, 60_000));
  });
} else if (mode === "append-loop") {
  for (let i = 0; ; i++) {
    await store.transaction((tx) => {
      tx.appendInteraction({ session_id: "loop", i, note: "é✓😀" });
      const prev = tx.getSession("loop");
      tx.putSession("loop", { ...(prev ?? { id: "loop" }), last: i });
    });
    process.stdout.write(`${i}\n`);
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
