/**
 * Flag parsing for the CLI: `node:util` parseArgs in token mode plus the checks argparse would do
 * (unknown flag, missing value, missing required flag, number conversion). Value rules (enums, ranges,
 * integers) are NOT checked here: commands map flags onto the operation's input object and parse it with
 * the zod schema of `service/inputs.ts`, so the CLI and the MCP tools accept exactly the same values.
 */
import { parseArgs } from "node:util";
import type { z } from "zod";

/** A bad command line: exit code 2, message on stderr with a hint to `--help`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** The command whose `--help` the hint points to (undefined = the top-level help). */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** `string` and `number` take one value, `list` takes the values that follow it (argparse `nargs="*"`). */
export type FlagKind = "string" | "number" | "boolean" | "list";

/** One flag of a command. `field` is the key of the operation's input object the value goes to. */
export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagKind;
  readonly help: string;
  readonly field?: string;
  readonly required?: boolean;
  /** Shown in help only; validation is the zod schema's job. */
  readonly choices?: readonly string[];
  readonly valueName?: string;
  readonly defaultText?: string;
}

/** Parsed flag values keyed by flag name. */
export type FlagValues = Map<string, string | number | boolean | string[]>;

/** Result of parsing one command's arguments. */
export interface ParsedFlags {
  values: FlagValues;
  help: boolean;
}

/**
 * `--tools a b c` (argparse nargs="*") → `--tools=a --tools=b --tools=c`, so parseArgs sees one value per
 * occurrence. A bare `--tools` yields an empty list.
 */
function expandListFlags(argv: readonly string[], lists: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    if (!lists.has(name)) {
      out.push(arg);
      continue;
    }
    out.push(`--${name}=`); // marks "flag given" even when no value follows
    while (i + 1 < argv.length && !(argv[i + 1] ?? "").startsWith("-")) {
      out.push(`--${name}=${argv[++i]}`);
    }
  }
  return out;
}

/**
 * Converts a flag value to a number the way Python's `float()` would for argparse `type=float`
 * (decimal or exponent notation, surrounding spaces allowed), rejecting "", "0x10", "Infinity" and NaN.
 */
export function parseNumber(flag: string, raw: string, command: string): number {
  const text = raw.trim();
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(`--${flag} must be a number (got "${raw}")`, command);
  }
  return value;
}

/** Parses `argv` against `flags` (plus `-h/--help`). Throws UsageError on anything argparse would reject. */
export function parseFlags(
  command: string,
  flags: readonly FlagSpec[],
  argv: readonly string[],
): ParsedFlags {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const lists = new Set(flags.filter((f) => f.kind === "list").map((f) => f.name));
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const f of flags) {
    options[f.name] = f.kind === "boolean" ? { type: "boolean" } : { type: "string", multiple: true };
  }
  const { tokens } = parseArgs({
    args: expandListFlags(argv, lists),
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const values: FlagValues = new Map();
  let help = false;
  for (const token of tokens) {
    if (token.kind === "positional") {
      throw new UsageError(`unexpected argument "${token.value}"`, command);
    }
    if (token.kind === "option-terminator") continue;
    if (token.name === "help") {
      help = true;
      continue;
    }
    const spec = byName.get(token.name);
    if (!spec) {
      throw new UsageError(`unknown flag ${token.rawName}`, command);
    }
    if (spec.kind === "boolean") {
      if (token.value !== undefined) throw new UsageError(`--${spec.name} takes no value`, command);
      values.set(spec.name, true);
      continue;
    }
    // Without `=`, parseArgs takes the next word even when it is another flag ("--name --type x").
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
      throw new UsageError(`--${spec.name} needs a value`, command);
    }
    if (spec.kind === "list") {
      const list = values.get(spec.name);
      const items = Array.isArray(list) ? list : [];
      if (value !== "") items.push(value);
      values.set(spec.name, items);
      continue;
    }
    // argparse keeps the last occurrence of a repeated flag; so do we.
    values.set(spec.name, spec.kind === "number" ? parseNumber(spec.name, value, command) : value);
  }
  if (!help) {
    const missing = flags.filter((f) => f.required && !values.has(f.name)).map((f) => `--${f.name}`);
    if (missing.length > 0) {
      throw new UsageError(
        `missing required flag${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`,
        command,
      );
    }
  }
  return { values, help };
}

/** The operation input object: each given flag's value under its `field` name. */
export function toInput(flags: readonly FlagSpec[], values: FlagValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of flags) {
    const value = values.get(f.name);
    if (f.field !== undefined && value !== undefined) input[f.field] = value;
  }
  return input;
}

/**
 * Parses the flag-built input with the operation's zod schema. A rejected value is a usage error whose
 * message names the flag, e.g. `--rating: effectiveness_rating must be a whole number from 1 to 5`.
 */
export function parseInput<S extends z.ZodType>(
  command: string,
  schema: S,
  flags: readonly FlagSpec[],
  values: FlagValues,
): z.output<S> {
  const result = schema.safeParse(toInput(flags, values));
  if (result.success) return result.data;
  const flagOf = new Map(flags.filter((f) => f.field).map((f) => [f.field, f.name]));
  const lines = result.error.issues.map((issue) => {
    const field = issue.path[0];
    const flag = typeof field === "string" ? flagOf.get(field) : undefined;
    return flag ? `--${flag}: ${issue.message}` : issue.message;
  });
  throw new UsageError(lines.join("; "), command);
}
