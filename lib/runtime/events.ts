/**
 * Ingest change events between the ingest (the watcher on the leading instance, a push on any instance)
 * and open pages (SSE, `/api/v1/events`) on EVERY instance: they travel through the data layer's
 * notifications (lib/db/notifications.ts — PostgreSQL NOTIFY/LISTEN across instances, in-process on
 * SQLite), bound to the portal's store once at start-up by {@link connectIngestEvents}. The binding is
 * on `globalThis` so the start-up (instrumentation.ts) and the route handlers, bundled separately, share it.
 */
import { z } from "zod";
import { type Notifications, notificationsOf } from "@/lib/db/notifications";
import type { Store } from "@/lib/db/store";

/** Published after an ingest pass (or a push) changed rows. */
export interface IngestChangeEvent {
  /** Epoch ms when the pass finished. */
  at: number;
  /** Developer folder names whose data changed (a long list arrives split over several events). */
  developers: string[];
  /** Files ingested, removed or failed in the pass. */
  files: number;
  /** True when events may have been missed (the instance lost its notification connection): refresh all. */
  gap?: true;
}

const eventSchema = z.object({
  at: z.number(),
  developers: z.array(z.string()),
  files: z.number().int().min(0),
  gap: z.literal(true).optional(),
});

/** The notification channel of ingest changes. */
const CHANNEL = "portal_ingest";

const g = globalThis as typeof globalThis & { __astIngestEventsStore?: Store };

/** Routes ingest events through `store`'s database (called once by the portal's start-up). */
export function connectIngestEvents(store: Store): void {
  g.__astIngestEventsStore = store;
}

function notifications(): Notifications {
  const store = g.__astIngestEventsStore;
  if (!store)
    throw new Error("ingest events are not connected to a store (the portal runtime has not started)");
  return notificationsOf(store);
}

const log = (m: string) => process.stderr.write(`[events] ${m}\n`);

/**
 * `event` as payloads of at most `maxBytes` each: the developers list split over several events when the
 * whole would not fit (PostgreSQL's notification limit), each with the pass's time and file count.
 */
export function splitIngestChange(event: IngestChangeEvent, maxBytes: number): string[] {
  const whole = JSON.stringify(event);
  if (Buffer.byteLength(whole, "utf8") <= maxBytes) return [whole];
  const parts: string[] = [];
  let batch: string[] = [];
  const encode = (developers: string[]) => JSON.stringify({ ...event, developers });
  for (const d of event.developers) {
    if (batch.length > 0 && Buffer.byteLength(encode([...batch, d]), "utf8") > maxBytes) {
      parts.push(encode(batch));
      batch = [];
    }
    batch.push(d);
  }
  parts.push(encode(batch));
  return parts;
}

/** Tells every subscriber on every instance that ingest changed data (fire and forget; failures logged). */
export function publishIngestChange(event: IngestChangeEvent): void {
  const n = notifications();
  for (const payload of splitIngestChange(event, n.maxPayloadBytes)) {
    n.publish(CHANNEL, payload).catch((e: unknown) => log(`publish failed: ${String(e)}`));
  }
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribeIngestChanges(listener: (event: IngestChangeEvent) => void): () => void {
  return notifications().subscribe(
    CHANNEL,
    (payload) => {
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        json = undefined;
      }
      const parsed = eventSchema.safeParse(json);
      if (parsed.success) listener(parsed.data);
      else log("ignored a malformed ingest event");
    },
    () => listener({ at: Date.now(), developers: [], files: 0, gap: true }),
  );
}
