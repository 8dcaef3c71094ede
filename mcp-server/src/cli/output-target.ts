/**
 * Where the recorder writes, for a team: the data folder may be a pattern with `{developer}` and
 * `{project}` placeholders (e.g. `~/OneDrive/ai-sessions/{developer}/{project}`), so one committed line
 * sends every teammate's data to their own folder of the share.
 *
 * Precedence: `AI_OUTPUT_DIR` (the MCP entry's env, or the shell's) > `output_dir:` in the nearest
 * `.ai_sessions.yaml` (the committed team file; a relative value is relative to that file's folder) >
 * `.ai_sessions` in the working folder. `~` expands to the home folder. Placeholders are filled from the
 * identity defaults (git user.name / OS user; `project:` / folder name), each made safe as one folder name.
 *
 * Resolved once per process, before the store opens, so recorder calls never pay for it.
 */
import { homedir as osHomedir } from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { readNearestProjectFile, resolveIdentity } from "../identity/resolve-identity.js";
import { DEFAULT_OUTPUT_DIR, expandHome } from "../storage/output-dir.js";

/** The placeholders an output pattern may contain. */
export const OUTPUT_PLACEHOLDERS = ["{developer}", "{project}"] as const;

/** A resolved data folder and how it was chosen (for `doctor` and `install`'s report). */
export interface OutputTarget {
  /** Absolute folder this developer's data goes to. */
  dir: string;
  /** The value as written (with placeholders), or null for the default. */
  pattern: string | null;
  /** `AI_OUTPUT_DIR`, `output_dir in <team file>` or `default`. */
  source: string;
  /** The folder a relative pattern is resolved against. */
  base: string;
  warnings: string[];
}

const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(OUTPUT_PLACEHOLDERS);

/** Placeholders in `pattern` that are not `{developer}` or `{project}`. */
export function unknownPlaceholders(pattern: string): string[] {
  const found = pattern.match(/\{[^{}]*\}/g) ?? [];
  return found.filter((p) => !KNOWN_PLACEHOLDERS.has(p));
}

/** Whether the pattern has a placeholder, i.e. whether it depends on who runs it. */
export function hasPlaceholder(pattern: string): boolean {
  return OUTPUT_PLACEHOLDERS.some((p) => pattern.includes(p));
}

/**
 * One path segment from a developer or project name: characters no OS accepts in a folder name (and path
 * separators) become `_`, leading dots (hidden folders, `..`) and trailing dots/spaces (Windows) go.
 */
export function safeSegment(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being removed
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]+/g, "_").replace(/^[.\s]+|[.\s]+$/g, "");
  return cleaned === "" ? "unknown" : cleaned;
}

const teamFileSchema = z.object({ output_dir: z.string().optional() }).loose();

/**
 * The team's `output_dir:` from the nearest `.ai_sessions.yaml`, with the file it came from. A file that
 * is not YAML is left to the identity defaults to report; an `output_dir:` that is not text is a warning.
 */
export async function readTeamOutputDir(
  cwd: string,
): Promise<{ pattern: string; file: string } | { pattern: null; file: string | null; warning?: string }> {
  const found = await readNearestProjectFile(path.resolve(cwd));
  if (found === null) return { pattern: null, file: null };
  let document: unknown;
  try {
    document = parseYaml(found.text);
  } catch {
    return { pattern: null, file: found.file };
  }
  if (typeof document !== "object" || document === null) return { pattern: null, file: found.file };
  const parsed = teamFileSchema.safeParse(document);
  if (!parsed.success) {
    return {
      pattern: null,
      file: found.file,
      warning: `${found.file}: output_dir: must be text; it was ignored`,
    };
  }
  const value = parsed.data.output_dir?.trim();
  return value ? { pattern: value, file: found.file } : { pattern: null, file: found.file };
}

/**
 * Resolves the data folder for a recorder started in `cwd` with `env` (see the module comment for the
 * precedence). Never throws: an unreadable team file falls back to the default, with a warning.
 */
export async function resolveOutputTarget(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  homedir?: string;
}): Promise<OutputTarget> {
  const cwd = path.resolve(options.cwd);
  const home = options.homedir ?? osHomedir();
  const warnings: string[] = [];
  let pattern: string | null = null;
  let source = "default";
  let base = cwd;
  const fromEnv = options.env.AI_OUTPUT_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    pattern = fromEnv;
    source = "AI_OUTPUT_DIR";
  } else {
    const team = await readTeamOutputDir(cwd);
    if (team.pattern !== null) {
      // (Without a team file the storage layer gives this warning itself.)
      if (fromEnv !== undefined)
        warnings.push(`AI_OUTPUT_DIR is set but empty, so it was ignored; using ${team.file}`);
      pattern = team.pattern;
      source = `output_dir in ${team.file}`;
      base = path.dirname(team.file);
    } else if ("warning" in team && team.warning) {
      warnings.push(team.warning);
    }
  }
  if (pattern === null) {
    return { dir: path.resolve(cwd, DEFAULT_OUTPUT_DIR), pattern, source, base, warnings };
  }
  let expanded = pattern;
  if (hasPlaceholder(pattern)) {
    // Its warnings (e.g. a team file without `project:`) reach the user through the recorder itself.
    const identity = await resolveIdentity({ cwd, env: options.env });
    expanded = pattern
      .replaceAll("{developer}", safeSegment(identity.developer))
      .replaceAll("{project}", safeSegment(identity.project));
  }
  const unknown = unknownPlaceholders(pattern);
  if (unknown.length > 0) {
    warnings.push(
      `${source} has ${unknown.join(", ")}: only ${OUTPUT_PLACEHOLDERS.join(" and ")} are filled in; the rest is kept as written`,
    );
  }
  return { dir: path.resolve(base, expandHome(expanded, home)), pattern, source, base, warnings };
}

/**
 * The folder that holds every developer's data for `pattern`: the part before the first placeholder
 * (`.ai_sessions/{developer}` → `<base>/.ai_sessions`), or the resolved folder when there is none.
 */
export function fixedPart(target: OutputTarget, home: string): string {
  if (target.pattern === null || !hasPlaceholder(target.pattern)) return target.dir;
  const head = target.pattern.slice(0, target.pattern.indexOf("{"));
  const cut = Math.max(head.lastIndexOf("/"), head.lastIndexOf("\\"));
  return path.resolve(target.base, expandHome(cut === -1 ? "." : head.slice(0, cut) || "/", home));
}
