/**
 * Merging our server entry into a client's JSON config (`.vscode/mcp.json`, `.cursor/mcp.json`, `.mcp.json`).
 * Other servers and other top-level keys are kept. VS Code and Cursor accept JSONC (comments, trailing
 * commas), so such a file is read too; it is rewritten as plain JSON and a copy of the original is kept in
 * `<file>.bak`. A file that still cannot be parsed is moved to `<file>.bak` (upstream's behaviour) and a
 * fresh file is written.
 */
import { copyFile, rename } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type FileChange, readIfExists, writeFileAtomic } from "./files.js";

/** A JSON object (what a config file and a server entry must be). */
export type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Removes `//` and `/* *\/` comments and trailing commas outside strings (JSONC → JSON). Returns the input
 * unchanged when there is nothing to remove.
 */
export function stripJsonc(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (ch === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] ?? "")) j++;
      // A comma before a closing bracket is a trailing comma; a comment in between is handled on the next pass.
      if (text[j] !== "}" && text[j] !== "]") out += ch;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** A client config as read: plain JSON, JSONC (comments/trailing commas), or unreadable. */
export type ParsedConfig =
  | { kind: "json"; value: JsonRecord }
  | { kind: "jsonc"; value: JsonRecord }
  | { kind: "invalid" };

/** Parses a client config file's text (an empty file is an empty object). */
export function parseConfig(text: string): ParsedConfig {
  if (text.trim() === "") return { kind: "json", value: {} };
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { kind: "json", value } : { kind: "invalid" };
  } catch {
    // fall through to JSONC
  }
  try {
    // Twice: removing a comment can expose a trailing comma that the first pass kept.
    const value: unknown = JSON.parse(stripJsonc(stripJsonc(text)));
    return isRecord(value) ? { kind: "jsonc", value } : { kind: "invalid" };
  } catch {
    return { kind: "invalid" };
  }
}

/**
 * Sets `config[serversKey][name]` to `entry` merged over the existing entry: keys the user added to our
 * entry (e.g. `cwd`, `disabled`) stay, and so do their `env` variables (e.g. their `AI_OUTPUT_DIR`); our
 * `env` defaults are added only when missing, while `setEnv` (an explicit `--output-dir`) replaces. Writes
 * nothing when the result equals what is on disk. Returns the change and the entry's resulting env.
 */
export async function mergeServerEntry(options: {
  file: string;
  serversKey: "servers" | "mcpServers";
  name: string;
  entry: JsonRecord & { env?: Record<string, string> };
  setEnv?: Readonly<Record<string, string>>;
}): Promise<FileChange & { env: JsonRecord }> {
  const { file, serversKey, name, entry } = options;
  const notes: string[] = [];
  const text = await readIfExists(file);
  const parsed: ParsedConfig = text === undefined ? { kind: "json", value: {} } : parseConfig(text);
  const config = parsed.kind === "invalid" ? {} : parsed.value;
  const servers = isRecord(config[serversKey]) ? config[serversKey] : {};
  const existing = servers[name];
  const existingEnv = isRecord(existing) && isRecord(existing.env) ? existing.env : {};
  const env: JsonRecord = { ...(entry.env ?? {}), ...existingEnv, ...options.setEnv };
  const merged: JsonRecord = { ...(isRecord(existing) ? existing : {}), ...entry, env };
  if (text !== undefined && parsed.kind !== "invalid" && isDeepStrictEqual(existing, merged)) {
    return { path: file, status: "unchanged", notes, env };
  }
  const next: JsonRecord = { ...config, [serversKey]: { ...servers, [name]: merged } };
  if (text !== undefined && parsed.kind === "invalid") {
    await rename(file, `${file}.bak`);
    notes.push(`it was not valid JSON: the old file was moved to ${path.basename(file)}.bak`);
  } else if (parsed.kind === "jsonc") {
    await copyFile(file, `${file}.bak`);
    notes.push(`comments were removed; the original is in ${path.basename(file)}.bak`);
  }
  await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  let status: FileChange["status"] = "updated";
  if (text === undefined) status = "created";
  else if (existing === undefined || parsed.kind === "invalid") status = "added";
  return { path: file, status, notes, env };
}
