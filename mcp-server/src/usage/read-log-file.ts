/**
 * Reads what one log file gained since its last run into its state entry: new complete lines only,
 * requests counted once (Claude Code: by message + request id; Codex: by differenced totals).
 */
import { basename, isAbsolute, relative } from "node:path";
import { usageRecordKey } from "../contract/usage-schema.js";
import { readClaudeLine } from "./claude-code-lines.js";
import { type CodexCursor, type CodexTotals, readCodexLine } from "./codex-lines.js";
import { readNewLines } from "./jsonl-reader.js";
import type { LogFile } from "./log-files.js";
import { addCounts, addEvent, countsFromTuple, countsTuple, type RecordMap, zeroCounts } from "./records.js";
import type { FileState } from "./state.js";

/** Streaming repeats of one message are adjacent: the last few requests are enough to fold them. */
const RECENT_REQUESTS = 64;

/** What reading one file needs besides the file. */
export interface ReadContext {
  /** Project folders a conversation must be in (the folder itself or below); null = every project. */
  projectDirs: readonly string[] | null;
  /** Claude Code request keys counted from any file (this machine). */
  seen: Set<string>;
}

/** Lines that were not JSON (a line cut off by a crash, or garbage). */
export interface ReadOutcome {
  badLines: number;
}

function inScope(cwd: string, dirs: readonly string[] | null): boolean {
  if (dirs === null) return true;
  return dirs.some((dir) => {
    const rel = relative(dir, cwd);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  });
}

/** Codex names files `rollout-<time>-<conversation id>.jsonl`; the id is also in its first line. */
function conversationFromName(path: string): string {
  const name = basename(path, ".jsonl");
  return /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(name)?.[1] ?? name;
}

/** Reads `file` from `entry.offset` into `entry` (mutated: records, cursors, offset). */
export async function readLogFile(file: LogFile, entry: FileState, ctx: ReadContext): Promise<ReadOutcome> {
  const records: RecordMap = new Map(entry.records.map((r) => [usageRecordKey(r), r]));
  let badLines = 0;
  const decide = (cwd: string | null) => {
    if (entry.in_scope !== null || cwd === null) return;
    entry.in_scope = inScope(cwd, ctx.projectDirs);
    entry.project = basename(cwd);
  };
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      badLines++;
      return undefined;
    }
  };

  let onLine: (line: string) => "stop" | undefined;
  if (file.agent === "claude-code") {
    const recent = new Map(entry.recent.map(([key, record, counts]) => [key, { record, counts }]));
    const seen = new Set(entry.seen);
    onLine = (line) => {
      const value = parse(line);
      if (value === undefined) return undefined;
      const { cwd, request } = readClaudeLine(value);
      decide(cwd);
      if (entry.in_scope === false) return "stop";
      if (!request || entry.in_scope !== true) return undefined;
      if (request.key !== null) {
        const prior = recent.get(request.key);
        if (prior) {
          // A streaming repeat: count only what it adds over what was counted (largest per kind wins).
          const record = records.get(prior.record);
          const counted = countsFromTuple(prior.counts);
          const extra = zeroCounts();
          for (const kind of Object.keys(extra) as (keyof typeof extra)[]) {
            extra[kind] = Math.max(0, request.counts[kind] - counted[kind]);
            counted[kind] += extra[kind];
          }
          if (record) {
            addCounts(record, extra);
            if (request.timestamp > record.last_timestamp) record.last_timestamp = request.timestamp;
          }
          prior.counts = countsTuple(counted);
          return undefined;
        }
        if (ctx.seen.has(request.key)) return undefined; // repeated by a resumed conversation's file
        ctx.seen.add(request.key);
        seen.add(request.key);
      }
      const key = addEvent(
        records,
        "claude-code",
        {
          conversationId: request.conversationId ?? basename(file.path, ".jsonl"),
          project: (cwd === null ? entry.project : basename(cwd)) ?? "",
          agentVersion: request.agentVersion,
          model: request.model,
          timestamp: request.timestamp,
          counts: request.counts,
        },
        1,
      );
      if (request.key !== null) {
        recent.set(request.key, { record: key, counts: countsTuple(request.counts) });
        if (recent.size > RECENT_REQUESTS) recent.delete(recent.keys().next().value as string);
      }
      return undefined;
    };
    entry.offset = await readNewLines(file.path, entry.offset, file.size, onLine);
    entry.recent = [...recent].map(([key, v]) => [key, v.record, v.counts]);
    entry.seen = [...seen];
  } else {
    const cursor: CodexCursor = {
      conversationId: entry.conversation_id,
      cwd: null,
      agentVersion: entry.agent_version,
      model: entry.model,
      totals: entry.totals as CodexTotals | null,
    };
    onLine = (line) => {
      const value = parse(line);
      if (value === undefined) return undefined;
      const request = readCodexLine(value, cursor);
      decide(cursor.cwd);
      if (entry.in_scope === false) return "stop";
      if (!request || entry.in_scope !== true) return undefined;
      addEvent(
        records,
        "codex",
        {
          conversationId: cursor.conversationId ?? conversationFromName(file.path),
          project: entry.project ?? "",
          agentVersion: cursor.agentVersion,
          // A token count before any turn_context (early 2025 builds) has no model: reported as unknown.
          model: cursor.model ?? "unknown",
          timestamp: request.timestamp,
          counts: request.counts,
        },
        1,
      );
      return undefined;
    };
    entry.offset = await readNewLines(file.path, entry.offset, file.size, onLine);
    entry.conversation_id = cursor.conversationId;
    entry.agent_version = cursor.agentVersion;
    entry.model = cursor.model;
    entry.totals = cursor.totals;
  }
  entry.records = [...records.values()];
  return { badLines };
}
