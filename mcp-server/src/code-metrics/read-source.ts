import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { TrackerError } from "../errors.js";

/** Default size limit for an analysed file: 2 MB (a generated bundle is not worth parsing). */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

function isInside(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function outsideError(displayPath: string): TrackerError {
  return new TrackerError(
    "invalid_input",
    `File is outside the project folder: ${displayPath}. Pass a path inside the project (relative to it or absolute).`,
  );
}

/**
 * Reads a source file for analysis, confined to `baseDir` (upstream read any path the server could
 * reach: spec §8). The path is checked twice: lexically before touching the disk (so probing
 * `../../etc/x.py` does not reveal whether it exists), then by realpath (so a symlink inside the
 * project cannot point outside it). The resolved real path is what gets opened.
 *
 * Returns the text as UTF-8 with `\r\n` and `\r` turned into `\n` and a leading BOM removed, as
 * Python's text-mode read does before `ast.parse`.
 */
export async function readSourceFile(
  filePath: string,
  baseDir: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): Promise<string> {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, filePath);
  let realBase: string;
  try {
    realBase = await realpath(base);
  } catch (e) {
    throw new TrackerError("io", `Project folder cannot be read: ${base}`, { cause: e });
  }
  if (!isInside(base, target) && !isInside(realBase, target)) throw outsideError(filePath);

  let realTarget: string;
  try {
    realTarget = await realpath(target);
  } catch (e) {
    if (errnoCode(e) === "ENOENT" || errnoCode(e) === "ENOTDIR") {
      throw new TrackerError("not_found", `File not found: ${filePath}`, { cause: e });
    }
    throw new TrackerError("io", `Cannot read file: ${filePath} (${errnoCode(e) ?? "error"})`, { cause: e });
  }
  if (!isInside(realBase, realTarget)) throw outsideError(filePath);

  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(realTarget, constants.O_RDONLY);
  } catch (e) {
    if (errnoCode(e) === "ENOENT")
      throw new TrackerError("not_found", `File not found: ${filePath}`, { cause: e });
    throw new TrackerError("io", `Cannot read file: ${filePath} (${errnoCode(e) ?? "error"})`, { cause: e });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new TrackerError("invalid_input", `Not a regular file: ${filePath}. Pass a source file.`);
    const tooLarge = (size: number) =>
      new TrackerError(
        "invalid_input",
        `File too large: ${filePath} is ${size} bytes; the limit is ${maxBytes} bytes. Only hand-written source files can be analysed.`,
      );
    if (stat.size > maxBytes) throw tooLarge(stat.size);
    // Read at most one byte past the limit: the file may grow between stat and read.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(length);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer.subarray(0, length));
    } catch (e) {
      throw new TrackerError("invalid_input", `File is not valid UTF-8: ${filePath}`, { cause: e });
    }
    return normalizeNewlines(text);
  } finally {
    await handle.close();
  }
}

function normalizeNewlines(text: string): string {
  if (!text.includes("\r")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\r") {
      out += "\n";
      if (text[i + 1] === "\n") i++;
    } else {
      out += c;
    }
  }
  return out;
}
