import type { TrackerContext } from "./context.js";

/**
 * Notices the caller must hear about once: warnings from start-up (e.g. an ignored env var) and data
 * files that could not be read and were moved aside (never overwritten). Draining clears them.
 */
export function drainNotices(ctx: TrackerContext): string[] {
  const notices = ctx.startupNotices.splice(0);
  for (const event of ctx.store.drainEvents()) {
    notices.push(
      `Data file ${event.file} could not be read (${event.reason}); it was kept as ${event.movedTo} and a fresh file was started.`,
    );
  }
  return notices;
}
