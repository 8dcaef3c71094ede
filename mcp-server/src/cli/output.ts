/**
 * CLI output in upstream's two forms: `--json` prints the ServiceResult dict
 * `{"success","message","data"?,"error"?}` (indent 2; `data`/`error` only when present), text mode prints
 * `✅ message` / `❌ message` and one `  key: value` line per data field. Results go to stdout, failures and
 * warnings to stderr.
 */
import { isTrackerError } from "../errors.js";

/** Upstream's `ServiceResult.to_dict()` shape. */
export interface ServiceResult {
  success: boolean;
  message: string;
  data?: Record<string, unknown>;
  error?: string;
}

/** Where output goes; injected so the command layer stays testable without a child process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own streams. */
export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `data` and `error` appear only when truthy (non-empty), as in upstream's `to_dict()`. */
export function toJson(result: ServiceResult): string {
  const out: ServiceResult = { success: result.success, message: result.message };
  if (result.data && Object.keys(result.data).length > 0) out.data = result.data;
  if (result.error) out.error = result.error;
  return JSON.stringify(out, null, 2);
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Prints a result in the chosen mode; returns the exit code (0 success, 1 failure). */
export function printResult(io: Io, result: ServiceResult, json: boolean): number {
  if (json) {
    io.stdout(`${toJson(result)}\n`);
  } else if (result.success) {
    const lines = [`✅ ${result.message}`];
    for (const [key, value] of Object.entries(result.data ?? {}))
      lines.push(`  ${key}: ${formatValue(value)}`);
    io.stdout(`${lines.join("\n")}\n`);
  } else {
    io.stderr(`❌ ${result.message}\n${result.error ? `  Error: ${result.error}\n` : ""}`);
  }
  return result.success ? 0 : 1;
}

/** The failure result for an operation that threw: a TrackerError's message is written for the caller. */
export function failure(message: string, error: unknown): ServiceResult {
  const text = isTrackerError(error) || error instanceof Error ? error.message : String(error);
  return { success: false, message, error: text };
}
