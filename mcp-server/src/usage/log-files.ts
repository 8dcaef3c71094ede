/**
 * Where the agents keep their logs, and the log files there (path, size, mtime; nothing is opened):
 * - Claude Code: `<config>/projects/<encoded working folder>/**.jsonl`, where `<config>` is each folder of
 *   `CLAUDE_CONFIG_DIR` (comma-separated) or, without it, both `~/.config/claude` and `~/.claude`
 *   (Claude Code moved between them; ccusage reads both);
 * - Codex: `${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-*.jsonl`.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { UsageAgent } from "../contract/usage-schema.js";

/** A log file found. */
export interface LogFile {
  path: string;
  agent: UsageAgent;
  size: number;
  mtimeMs: number;
}

/** Claude Code's `projects` folders, in the order given. */
export function claudeProjectRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const configured = (env.CLAUDE_CONFIG_DIR ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const configs =
    configured.length > 0 ? configured : [join(home, ".config", "claude"), join(home, ".claude")];
  return configs.map((c) => join(resolve(c), "projects"));
}

/** Codex's `sessions` folder. */
export function codexSessionsRoot(env: NodeJS.ProcessEnv, home: string): string {
  const codexHome = env.CODEX_HOME?.trim();
  return join(codexHome ? resolve(codexHome) : join(home, ".codex"), "sessions");
}

/**
 * Claude Code names a project's folder after its working folder with every character other than a
 * letter or digit replaced by `-` (lossy: the folder is only a pre-filter; each line's `cwd` decides).
 */
export function encodeClaudeProjectDir(dir: string): string {
  return dir.replace(/[^a-zA-Z0-9]/g, "-");
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // an agent that was never used has no folder: nothing to read
  }
}

/** Files under `dir` (depth-limited) whose names pass `keep`, as LogFiles of `agent`. */
async function walk(
  dir: string,
  agent: UsageAgent,
  keep: (name: string) => boolean,
  depth: number,
  out: LogFile[],
): Promise<void> {
  for (const entry of await entries(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) await walk(path, agent, keep, depth - 1, out);
    } else if (entry.isFile() && keep(entry.name)) {
      try {
        const s = await stat(path);
        out.push({ path, agent, size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // vanished between listing and stat (Claude Code's 30-day clean-up): next run sees it gone
      }
    }
  }
}

/**
 * The agents' log files. With `projectDir`, Claude Code folders are limited to those whose name could
 * belong to that folder or one below it; Codex files are all listed (their folder comes from inside).
 */
export async function listLogFiles(options: {
  env: NodeJS.ProcessEnv;
  home: string;
  projectDir: string | null;
}): Promise<LogFile[]> {
  const out: LogFile[] = [];
  const prefix = options.projectDir === null ? null : encodeClaudeProjectDir(options.projectDir);
  const jsonl = (name: string) => name.endsWith(".jsonl");
  for (const root of claudeProjectRoots(options.env, options.home)) {
    for (const entry of await entries(root)) {
      if (!entry.isDirectory()) continue;
      if (prefix !== null && entry.name !== prefix && !entry.name.startsWith(`${prefix}-`)) continue;
      // Sub-agents' transcripts live in folders below the conversation's (`<id>/subagents/*.jsonl`).
      await walk(join(root, entry.name), "claude-code", jsonl, 3, out);
    }
  }
  const rollout = (name: string) => name.startsWith("rollout-") && name.endsWith(".jsonl");
  await walk(codexSessionsRoot(options.env, options.home), "codex", rollout, 4, out);
  return out;
}
