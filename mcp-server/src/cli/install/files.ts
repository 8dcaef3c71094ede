/**
 * File helpers for `install`: atomic writes (a half-written client config would break the user's IDE) and
 * the "managed file" rule for agent-instruction files: we write a file when it is absent or carries our
 * marker line, and never touch a file the user wrote.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** What happened to one file during install. */
export interface FileChange {
  path: string;
  status: "created" | "added" | "updated" | "unchanged" | "skipped";
  notes: string[];
}

/** The marker that makes an instruction file ours (present in every bundled agent file). */
export const MANAGED_MARKER = "<!-- ai-session-tracker:managed";

/** Reads a file, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes via a temp file + rename in the same folder, creating the folder first. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content, "utf8");
  await rename(temp, file);
}

/**
 * Writes `content` to `file` when the file is absent or ours (contains MANAGED_MARKER); leaves a file the
 * user wrote alone and reports it as skipped with `hint`.
 */
export async function writeManagedFile(file: string, content: string, hint: string): Promise<FileChange> {
  const existing = await readIfExists(file);
  if (existing === undefined) {
    await writeFileAtomic(file, content);
    return { path: file, status: "created", notes: [] };
  }
  if (!existing.includes(MANAGED_MARKER)) {
    return {
      path: file,
      status: "skipped",
      notes: [`exists and was not written by ai-session-tracker; ${hint}`],
    };
  }
  if (existing === content) return { path: file, status: "unchanged", notes: [] };
  await writeFileAtomic(file, content);
  return { path: file, status: "updated", notes: [] };
}

/** Writes `content` only when `file` does not exist (e.g. `.ai_sessions.yaml`, which the user owns). */
export async function writeOnce(file: string, content: string): Promise<FileChange> {
  if ((await readIfExists(file)) !== undefined)
    return { path: file, status: "unchanged", notes: ["kept as is"] };
  await writeFileAtomic(file, content);
  return { path: file, status: "created", notes: [] };
}
