/**
 * Builders of realistic agent logs for the usage tests, written from the documented formats (Claude Code
 * transcripts under `<config>/projects/<encoded folder>/<session>.jsonl`, Codex rollouts under
 * `<CODEX_HOME>/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`). Only the fields the extractor reads,
 * plus the text fields a real log has (which must never reach usage.json).
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Claude Code's folder name for a working folder. */
export const encodeProject = (dir: string) => dir.replace(/[^a-zA-Z0-9]/g, "-");

export interface ClaudeUsage {
  input: number;
  output: number;
  write5m?: number;
  write1h?: number;
  /** Old versions: only the total, no 5m/1h split. */
  writeTotalOnly?: number;
  read: number;
}

/** One assistant line as Claude Code writes it. */
export function claudeAssistant(o: {
  sessionId: string;
  cwd: string;
  model: string;
  timestamp: string;
  messageId: string;
  requestId: string;
  usage: ClaudeUsage;
  text?: string;
}): string {
  const u = o.usage;
  const usage =
    u.writeTotalOnly !== undefined
      ? {
          input_tokens: u.input,
          cache_creation_input_tokens: u.writeTotalOnly,
          cache_read_input_tokens: u.read,
          output_tokens: u.output,
        }
      : {
          input_tokens: u.input,
          cache_creation_input_tokens: (u.write5m ?? 0) + (u.write1h ?? 0),
          cache_read_input_tokens: u.read,
          cache_creation: {
            ephemeral_5m_input_tokens: u.write5m ?? 0,
            ephemeral_1h_input_tokens: u.write1h ?? 0,
          },
          output_tokens: u.output,
          service_tier: "standard",
        };
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    userType: "external",
    cwd: o.cwd,
    sessionId: o.sessionId,
    version: "2.0.31",
    gitBranch: "main",
    type: "assistant",
    message: {
      id: o.messageId,
      type: "message",
      role: "assistant",
      model: o.model,
      content: [{ type: "text", text: o.text ?? "SECRET RESPONSE TEXT" }],
      stop_reason: null,
      usage,
    },
    requestId: o.requestId,
    uuid: `${o.messageId}-${Math.random()}`,
    timestamp: o.timestamp,
  });
}

/** A user line (no usage). */
export function claudeUser(o: { sessionId: string; cwd: string; timestamp: string }): string {
  return JSON.stringify({
    cwd: o.cwd,
    sessionId: o.sessionId,
    version: "2.0.31",
    type: "user",
    message: { role: "user", content: "SECRET PROMPT TEXT" },
    timestamp: o.timestamp,
  });
}

/** Path of a Claude Code transcript. */
export function claudeFile(configDir: string, cwd: string, sessionId: string): string {
  return join(configDir, "projects", encodeProject(cwd), `${sessionId}.jsonl`);
}

/** Codex rollout lines. */
export const codex = {
  meta: (o: { id: string; cwd: string; timestamp: string }) =>
    JSON.stringify({
      timestamp: o.timestamp,
      type: "session_meta",
      payload: {
        id: o.id,
        timestamp: o.timestamp,
        cwd: o.cwd,
        originator: "codex_cli_rs",
        cli_version: "0.63.0",
        instructions: "SECRET INSTRUCTIONS",
      },
    }),
  turn: (o: { model: string; cwd: string; timestamp: string }) =>
    JSON.stringify({
      timestamp: o.timestamp,
      type: "turn_context",
      payload: { cwd: o.cwd, approval_policy: "on-request", model: o.model, summary: "auto" },
    }),
  tokens: (o: {
    timestamp: string;
    total: [number, number, number, number] | null;
    last: [number, number, number, number] | null;
  }) => {
    const u = (t: [number, number, number, number]) => ({
      input_tokens: t[0],
      cached_input_tokens: t[1],
      output_tokens: t[2],
      reasoning_output_tokens: t[3],
      total_tokens: t[0] + t[2],
    });
    const info =
      o.total === null && o.last === null
        ? null
        : {
            ...(o.total ? { total_token_usage: u(o.total) } : {}),
            ...(o.last ? { last_token_usage: u(o.last) } : {}),
            model_context_window: 272000,
          };
    return JSON.stringify({
      timestamp: o.timestamp,
      type: "event_msg",
      payload: {
        type: "token_count",
        info,
        rate_limits: { primary: { used_percent: 7, window_minutes: 300 } },
      },
    });
  },
  message: (timestamp: string) =>
    JSON.stringify({
      timestamp,
      type: "response_item",
      payload: {
        type: "message",
        role: "assistant",
        content: [{ type: "output_text", text: "SECRET CODEX TEXT" }],
      },
    }),
};

/** Path of a Codex rollout file for a conversation started at `iso`. */
export function codexFile(codexHome: string, iso: string, id: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  const stamp = iso.slice(0, 19).replace(/:/g, "-");
  return join(codexHome, "sessions", y ?? "", m ?? "", d ?? "", `rollout-${stamp}-${id}.jsonl`);
}

/** Writes lines (each with its newline) to a fresh file. */
export function writeLines(path: string, lines: readonly string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.map((l) => `${l}\n`).join(""));
}

/** Appends raw text. */
export function appendRaw(path: string, text: string): void {
  appendFileSync(path, text);
}
