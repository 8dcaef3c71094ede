/**
 * Runs once when a Next server process starts: on the Node runtime only, boots the portal runtime
 * (DB + migrations, first users, the ingest watcher feeding live refresh). lib/runtime guards against a
 * second start in the same process. Next awaits `register` before serving, so logins work at once; the
 * first ingest pass continues in the background (`/api/health` says when it is done).
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not portal configuration), so it is read here, not in lib/env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortalRuntime } = await import("./lib/runtime/ingest");
  try {
    await startPortalRuntime({
      makeDemoFolder: async (root) => {
        // Loaded lazily: only demo mode on a fresh machine needs the generator.
        const { makeDemoFolder } = await import("./scripts/make-team-folder");
        makeDemoFolder(root);
      },
    });
  } catch (e) {
    console.error("[portal] start-up failed:", e);
    throw e;
  }
}
