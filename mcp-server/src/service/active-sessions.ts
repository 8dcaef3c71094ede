import type { TrackerContext } from "./context.js";

export interface ActiveSessionSummary {
  session_id: string;
  session_name: string;
  task_type: string;
  start_time: string;
  developer: string;
  project: string;
}

const str = (v: unknown, fallback: string) => (typeof v === "string" && v !== "" ? v : fallback);

/** Sessions whose status is not `completed` (upstream's looser test), in file order; missing fields → "Unknown". */
export function listActiveSessions(ctx: TrackerContext): Promise<ActiveSessionSummary[]> {
  return ctx.store.transaction((tx) => {
    const out: ActiveSessionSummary[] = [];
    for (const [id, raw] of tx.sessions()) {
      if (raw.status === "completed") continue;
      out.push({
        session_id: str(raw.id, id),
        session_name: str(raw.session_name ?? raw.name, "Unknown"),
        task_type: str(raw.task_type, "Unknown"),
        start_time: str(raw.start_time, "Unknown"),
        developer: str(raw.developer, ""),
        project: str(raw.project, ""),
      });
    }
    return out;
  });
}
