/**
 * Hand-built tracker records for read-model tests: one developer's `sessions.json` (and
 * `interactions.json`) written into a test's shared folder. Test support: never imported by production code.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sessionRecord } from "./ingest";

/** ISO text of epoch ms as the recorder writes it (`+00:00`). */
export const isoUtc = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * A session record at given times (ISO text or epoch ms): completed with outcome success, or active when
 * `end` is null. Built on the ingest tests' {@link sessionRecord}.
 */
export function timedSession(o: {
  id: string;
  start: string | number;
  end: string | number | null;
  model?: string;
  outcome?: string;
  estimate?: number;
}): Record<string, unknown> {
  const text = (t: string | number) => (typeof t === "number" ? isoUtc(t) : t);
  const active = o.end === null;
  return sessionRecord(o.id, {
    start_time: text(o.start),
    end_time: o.end === null ? null : text(o.end),
    status: active ? "active" : "completed",
    outcome: active ? null : (o.outcome ?? "success"),
    initial_estimate_minutes: o.estimate ?? 60,
    model_name: o.model ?? "gpt-4.1",
  });
}

/** Writes `<root>/<dev>/sessions.json` keyed by id (and `interactions.json` when given). */
export function writeDeveloper(
  root: string,
  dev: string,
  sessions: Record<string, unknown>[],
  interactions?: Record<string, unknown>[],
): void {
  const dir = path.join(root, dev);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "sessions.json"),
    JSON.stringify(Object.fromEntries(sessions.map((s) => [s.id, s]))),
  );
  if (interactions) writeFileSync(path.join(dir, "interactions.json"), JSON.stringify(interactions));
}
