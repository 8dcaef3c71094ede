/**
 * In-process event bus between the ingest watcher and open pages (SSE, `/api/v1/events`). On
 * `globalThis` so the watcher started from instrumentation.ts and the route handler share one emitter.
 */
import { EventEmitter } from "node:events";

/** Published after an ingest pass changed rows. */
export interface IngestChangeEvent {
  /** Epoch ms when the pass finished. */
  at: number;
  /** Developer folder names whose data changed. */
  developers: string[];
  /** Files ingested, removed or failed in the pass. */
  files: number;
}

const g = globalThis as typeof globalThis & { __astIngestBus?: EventEmitter };

function bus(): EventEmitter {
  if (!g.__astIngestBus) {
    g.__astIngestBus = new EventEmitter();
    // One listener per open browser tab; the default cap of 10 would warn on a busy team.
    g.__astIngestBus.setMaxListeners(0);
  }
  return g.__astIngestBus;
}

/** Tells every subscriber that ingest changed data. */
export function publishIngestChange(event: IngestChangeEvent): void {
  bus().emit("change", event);
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribeIngestChanges(listener: (event: IngestChangeEvent) => void): () => void {
  const b = bus();
  b.on("change", listener);
  return () => {
    b.off("change", listener);
  };
}
