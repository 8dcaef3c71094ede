import { homedir } from "node:os";
import type { ExecutionContext } from "../contract/enums.js";
import { resolveIdentity } from "../identity/resolve-identity.js";
import { resolveOutputDir } from "../storage/output-dir.js";
import { TrackerStore } from "../storage/tracker-store.js";
import { resolveTextPrivacy, type TextPrivacy } from "./text-privacy.js";

/** Upstream's default cap for auto-closed sessions (hours). */
export const DEFAULT_MAX_SESSION_DURATION_HOURS = 4.0;

/**
 * Everything an operation needs, built once per process (MCP server) or per command (CLI).
 * `ownedSessionIds` is the auto-close scope: only sessions this process started are ever closed
 * automatically (upstream closes every active session in the folder, other windows' included).
 */
export interface TrackerContext {
  readonly store: TrackerStore;
  readonly outputDir: string;
  readonly executionContext: ExecutionContext;
  readonly ownedSessionIds: Set<string>;
  readonly maxSessionDurationHours: number;
  /** What of prompts and response summaries is written (AI_TRACKER_PROMPTS). */
  readonly textPrivacy: TextPrivacy;
  /** Folder that relative `file_path`s of log_code_metrics resolve against (and are confined to). */
  readonly baseDir: string;
  now(): Date;
  /** developer/project used when a caller omits them (git config / OS user; .ai_sessions.yaml / folder). */
  defaults(): Promise<{ developer: string; project: string }>;
  /** Warnings for the caller that arose outside any operation (e.g. an ignored env var). */
  readonly startupNotices: string[];
  /** Work a call started that goes on after its reply (git capture); shutdown and the CLI wait for it. */
  readonly background: Set<Promise<unknown>>;
}

export interface CreateTrackerContextOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  executionContext: ExecutionContext;
  /** CLI `--max-session-duration-hours`; wins over AI_MAX_SESSION_DURATION_HOURS. */
  maxSessionDurationHours?: number;
  now?: () => Date;
  lockTimeoutMs?: number;
}

/**
 * Resolves the cap: explicit override, then env `AI_MAX_SESSION_DURATION_HOURS` when it parses as a
 * positive number, else 4.0 (upstream ignores invalid values the same way).
 */
export function resolveMaxSessionHours(override: number | undefined, env: NodeJS.ProcessEnv): number {
  if (override !== undefined && Number.isFinite(override) && override > 0) return override;
  const raw = env.AI_MAX_SESSION_DURATION_HOURS;
  const parsed = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_SESSION_DURATION_HOURS;
}

/**
 * Opens the output folder and returns the context operations run in.
 * @throws TrackerError("invalid_input") for an invalid AI_TRACKER_PROMPTS (before anything is created),
 * TrackerError("io") when the folder cannot be created or initialised.
 */
export async function createTrackerContext(options: CreateTrackerContextOptions): Promise<TrackerContext> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const textPrivacy = resolveTextPrivacy(env);
  const resolved = resolveOutputDir({ env, cwd, homedir: homedir() });
  const startupNotices = resolved.warning ? [resolved.warning] : [];
  const store = await TrackerStore.open(resolved.dir, {
    ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
  });
  let identity: Promise<{ developer: string; project: string }> | undefined;
  return {
    store,
    outputDir: resolved.dir,
    executionContext: options.executionContext,
    ownedSessionIds: new Set(),
    maxSessionDurationHours: resolveMaxSessionHours(options.maxSessionDurationHours, env),
    textPrivacy,
    baseDir: cwd,
    now: options.now ?? (() => new Date()),
    defaults() {
      identity ??= resolveIdentity({ cwd, env }).then(({ developer, project, warnings }) => {
        startupNotices.push(...warnings);
        return { developer, project };
      });
      return identity;
    },
    startupNotices,
    background: new Set(),
  };
}
