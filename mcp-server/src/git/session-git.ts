/**
 * The recorder's git hooks. They run after the tool's reply (the agent never waits for git) as
 * background work the server and the CLI wait for before exiting, and write only the session's `git`
 * field, in their own transaction under the folder lock, so they never undo another write.
 */
import type { CommitStatus, GitContext, SessionGit } from "../contract/git-schema.js";
import { normalizeSessionGit } from "../contract/git-schema.js";
import { formatIsoUtc, parseTimestamp } from "../service/clock.js";
import type { TrackerContext } from "../service/context.js";
import { withheldMarker } from "../service/text-privacy.js";
import type { JsonObject } from "../storage/json.js";
import { captureGitContext } from "./capture-context.js";
import { runGit } from "./run-git.js";
import { listSessionCommits } from "./session-commits.js";
import { computeShippedStatus, DEFAULT_UNMERGED_DAYS, type SessionToCheck } from "./shipped-status.js";

const log = (message: string) => process.stderr.write(`ai-session-tracker: git: ${message}\n`);

/**
 * Runs `work` after the current call, in `ctx.background` (awaited by shutdown). Failures are logged
 * to stderr, never thrown: git evidence is a bonus, never a reason for a tool call to fail.
 */
export function inBackground(ctx: TrackerContext, what: string, work: () => Promise<unknown>): void {
  // Batched writes are not waited for: a hook reads what waits through currentGit().
  const previous = [...ctx.background].filter((p) => !batchWrites.has(p));
  const job = (async () => {
    // One after the other: an end must see its start's context, a refresh the session just ended.
    await Promise.allSettled(previous);
    await work();
  })().catch((error: unknown) => log(`${what}: ${error instanceof Error ? error.message : String(error)}`));
  ctx.background.add(job);
  void job.finally(() => ctx.background.delete(job));
}

/** Waits for the background work started so far (and any it starts), at most `boundMs`. */
export async function settleBackground(ctx: TrackerContext, boundMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  // From here on a hook's patch is written at once, and what waits is written now.
  settling.add(ctx);
  pending.get(ctx)?.flush();
  while (ctx.background.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), left)));
    const r = await Promise.race([Promise.allSettled([...ctx.background]), timedOut]);
    clearTimeout(timer);
    if (r === "timeout") return false;
  }
  return true;
}

type GitPatch = (git: SessionGit) => SessionGit;

/** How long the hooks' patches wait to be written together (back-to-back calls share one write). */
const FLUSH_AFTER_MS = 1_000;

/**
 * Patches waiting for their write, per context. Each hook's write would rewrite the whole sessions file
 * after every start and end; batching them keeps that off back-to-back tool calls (recorder calls stay
 * within their budget) and writes a synced file less often. The batch is background work, so a shutdown
 * or a CLI command writes it before exiting.
 */
const pending = new WeakMap<TrackerContext, { patches: Map<string, GitPatch[]>; flush: () => void }>();
/** The batches' write jobs (in `ctx.background`, but not an ordering point for the hooks). */
const batchWrites = new WeakSet<Promise<unknown>>();
/** Contexts being settled: their patches are written at once. */
const settling = new WeakSet<TrackerContext>();

/** Writes `patch` into the session's `git` field (the rest of the record untouched), batched. */
function patchSessionGit(ctx: TrackerContext, id: string, patch: GitPatch): Promise<void> {
  if (settling.has(ctx)) return writePatches(ctx, new Map([[id, [patch]]]));
  let batch = pending.get(ctx);
  if (!batch) {
    const patches = new Map<string, GitPatch[]>();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => flush(), FLUSH_AFTER_MS);
    const flush = () => {
      clearTimeout(timer);
      if (pending.get(ctx)?.patches === patches) pending.delete(ctx);
      release();
    };
    const job = released
      .then(() => writePatches(ctx, patches))
      .catch((error: unknown) => log(`write: ${error instanceof Error ? error.message : String(error)}`));
    batchWrites.add(job);
    ctx.background.add(job);
    void job.finally(() => ctx.background.delete(job));
    batch = { patches, flush };
    pending.set(ctx, batch);
  }
  const list = batch.patches.get(id);
  if (list) list.push(patch);
  else batch.patches.set(id, [patch]);
  return Promise.resolve();
}

/** The patches in one transaction, each session's in order, on the record as it is now. */
function writePatches(ctx: TrackerContext, patches: ReadonlyMap<string, readonly GitPatch[]>): Promise<void> {
  return ctx.store.transaction((tx) => {
    for (const [id, list] of patches) {
      const raw = tx.getSession(id);
      if (!raw) continue;
      tx.putSession(id, withGit(raw, applyPatches(normalizeSessionGit(raw.git) ?? {}, list)));
    }
  });
}

const applyPatches = (git: SessionGit, list: readonly GitPatch[] = []) => list.reduce((g, p) => p(g), git);

/** A session's git evidence as written plus what still waits for its write. */
function currentGit(ctx: TrackerContext, id: string, raw: JsonObject | undefined): SessionGit | undefined {
  const written = normalizeSessionGit(raw?.git);
  const waiting = pending.get(ctx)?.patches.get(id);
  return waiting ? applyPatches(written ?? {}, waiting) : written;
}

/**
 * The record with `git` as its last key: upstream's fields keep their order and ours come after them
 * (an end written meanwhile spreads the old record, which may have put `git` before `token_stats`).
 * The value goes through JSON so it is plain data without undefined members.
 */
function withGit(raw: JsonObject, git: SessionGit): JsonObject {
  const { git: _old, ...rest } = raw;
  return { ...rest, git: JSON.parse(JSON.stringify(git)) as JsonObject };
}

/** Session start: record the context, then update earlier sessions' shipped status. */
export function afterSessionStart(ctx: TrackerContext, id: string): void {
  inBackground(ctx, "start", async () => {
    const start = await captureGitContext(ctx.baseDir, ctx.now());
    await patchSessionGit(ctx, id, (git) => ({ ...git, start }));
    if (start.state === "ok") await refreshShippedStatus(ctx, { context: start });
  });
}

/** Session end: the end context and the commits the local user made between start and end. */
export function afterSessionEnd(ctx: TrackerContext, id: string): void {
  inBackground(ctx, "end", async () => {
    const end = await captureGitContext(ctx.baseDir, ctx.now());
    const raw = await ctx.store.transaction((tx) => tx.getSession(id));
    const startAt = parseTimestamp(raw?.start_time);
    const endAt = parseTimestamp(raw?.end_time);
    if (!raw || !startAt || !endAt) return;
    const started = currentGit(ctx, id, raw)?.start;
    let found: Awaited<ReturnType<typeof listSessionCommits>> | undefined;
    let diverged: boolean | undefined;
    if (end.state === "ok") {
      found = await listSessionCommits(
        ctx.baseDir,
        { start: startAt, end: endAt },
        ctx.textPrivacy === "none" ? "withhold" : "keep",
        withheldMarker,
      );
      diverged = await historyDiverged(ctx.baseDir, started, end);
    }
    await patchSessionGit(ctx, id, (git) => ({
      ...git,
      end,
      ...(found
        ? {
            commits: found.commits,
            range_patch_id: found.rangePatchId,
            ...(found.truncated ? { commits_truncated: true } : {}),
          }
        : {}),
      ...(diverged === undefined ? {} : { history_diverged: diverged }),
    }));
  });
}

/** False when end HEAD contains start HEAD; undefined when either is unknown or from another repository. */
async function historyDiverged(
  cwd: string,
  start: GitContext | undefined,
  end: GitContext,
): Promise<boolean | undefined> {
  if (!start?.head || !end.head || start.repository_id !== end.repository_id) return undefined;
  if (start.head === end.head) return false;
  const r = await runGit(cwd, ["merge-base", "--is-ancestor", start.head, end.head]);
  if (r.ok) return false;
  return r.reason === "failed" && r.exitCode === 1 ? true : undefined;
}

/**
 * Sessions that ended longer ago are left as they were last classified: a revert months later is rare,
 * and each run reads the default branch's history back to the oldest session it checks.
 */
export const REFRESH_LOOKBACK_DAYS = 90;

/** {@link refreshShippedStatus}'s result. */
export interface RefreshResult {
  repository_id: string | null;
  sessions_checked: number;
  /** Commits by their new status. */
  commits: Record<CommitStatus, number>;
}

/**
 * Updates the shipped status of every earlier session of this repository that has commits not yet
 * reverted, in one transaction. `context` is the current context when the caller has it.
 */
export async function refreshShippedStatus(
  ctx: TrackerContext,
  options: { context?: GitContext; unmergedDays?: number } = {},
): Promise<RefreshResult> {
  const now = ctx.now();
  const context = options.context ?? (await captureGitContext(ctx.baseDir, now));
  const counts = { pending: 0, merged: 0, reverted: 0, unmerged: 0 };
  const repo = context.state === "ok" ? (context.repository_id ?? null) : null;
  const empty = { repository_id: repo, sessions_checked: 0, commits: counts };
  if (repo === null) return empty;
  const candidates = await ctx.store.transaction((tx) => {
    const out: SessionToCheck[] = [];
    for (const [id, raw] of tx.sessions()) {
      if (raw.git === undefined) continue;
      const git = normalizeSessionGit(raw.git);
      const commits = git?.commits ?? [];
      const ctxRepo = git?.end?.repository_id ?? git?.start?.repository_id;
      if (commits.length === 0 || ctxRepo !== repo) continue;
      if (commits.every((c) => c.shipped?.status === "reverted")) continue;
      const startMs = parseTimestamp(raw.start_time)?.getTime();
      const endMs = parseTimestamp(raw.end_time)?.getTime();
      if (startMs === undefined || endMs === undefined) continue;
      // Bounded history: the default branch is read back to the oldest session checked.
      if (now.getTime() - endMs > REFRESH_LOOKBACK_DAYS * 86_400_000) continue;
      out.push({ id, startMs, endMs, commits, rangePatchId: git?.range_patch_id ?? null });
    }
    return out;
  });
  if (candidates.length === 0) return empty;
  const updated = await computeShippedStatus(
    ctx.baseDir,
    candidates,
    now,
    options.unmergedDays ?? DEFAULT_UNMERGED_DAYS,
  );
  const checkedAt = formatIsoUtc(now);
  await ctx.store.transaction((tx) => {
    for (const [id, commits] of updated) {
      const raw = tx.getSession(id);
      const git = normalizeSessionGit(raw?.git);
      if (!raw || !git) continue;
      // Merge by sha: an end written meanwhile may have replaced the list.
      const bySha = new Map(commits.map((c) => [c.sha, c.shipped]));
      const merged = (git.commits ?? []).map((c) => {
        const shipped = bySha.get(c.sha);
        return shipped ? { ...c, shipped } : c;
      });
      tx.putSession(id, withGit(raw, { ...git, commits: merged, outcome_checked_at: checkedAt }));
    }
  });
  for (const commits of updated.values()) for (const c of commits) if (c.shipped) counts[c.shipped.status]++;
  return { repository_id: repo, sessions_checked: updated.size, commits: counts };
}
