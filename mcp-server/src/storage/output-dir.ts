import { join, resolve } from "node:path";

/** Where the tracker files live and why. */
export interface ResolvedOutputDir {
  /** Absolute path of the data folder. */
  dir: string;
  source: "AI_OUTPUT_DIR" | "default";
  /** Set when the environment was ignored (e.g. `AI_OUTPUT_DIR=""`); show it to the user once. */
  warning?: string;
}

/** Upstream's default folder, relative to the process working directory (spec §2.1). */
export const DEFAULT_OUTPUT_DIR = ".ai_sessions";

/**
 * Resolves the data folder like upstream (spec §2.1): `AI_OUTPUT_DIR` when non-empty, else `.ai_sessions`;
 * relative paths resolve against `cwd`. Unlike upstream, `~` and `~/…` expand to `homedir` (its docs
 * promised it; its code did not). An empty or blank `AI_OUTPUT_DIR` counts as unset, with a warning.
 */
export function resolveOutputDir(input: {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
}): ResolvedOutputDir {
  const raw = input.env.AI_OUTPUT_DIR;
  if (raw === undefined) return { dir: resolve(input.cwd, DEFAULT_OUTPUT_DIR), source: "default" };
  if (raw.trim() === "") {
    const dir = resolve(input.cwd, DEFAULT_OUTPUT_DIR);
    return {
      dir,
      source: "default",
      warning: `AI_OUTPUT_DIR is set but empty, so it was ignored; recording to ${dir}. Set it to a folder path or unset it.`,
    };
  }
  return { dir: resolve(input.cwd, expandHome(raw, input.homedir)), source: "AI_OUTPUT_DIR" };
}

/** `~` and `~/…` (or `~\…`) → `home`; anything else unchanged. Also used for the team's output pattern. */
export function expandHome(p: string, home: string): string {
  if (p === "~") return home;
  if (p.startsWith("~/") || p.startsWith("~\\")) return join(home, p.slice(2));
  // `~user/…` is left alone: resolving other users' homes is the shell's business.
  return p;
}
