/**
 * Our `[mcp_servers.ai-session-tracker]` section of Codex's `config.toml`, edited as text: our tables are
 * replaced in place and every other byte of the file stays as it was (comments, order, formatting), which a
 * parse-and-reserialise round trip could not promise.
 *
 * Inside our tables, `command` and `args` are ours; any other key the user added (`startup_timeout_sec`,
 * `enabled`, an env variable such as `AI_OUTPUT_DIR`, …) is kept verbatim. Our env defaults are added only
 * when the user has not set that variable.
 */

/** The server name used as the TOML table key (a valid bare key). */
export const CODEX_SERVER_NAME = "ai-session-tracker";

/** What we write for the server. */
export interface CodexServerEntry {
  command: string;
  args: readonly string[];
  /** Defaults: written only when the user's table does not set them. */
  env: Readonly<Record<string, string>>;
  /** Written over the user's value (an explicit `install --output-dir`). */
  setEnv?: Readonly<Record<string, string>>;
}

/** TOML basic string. JSON escapes are valid TOML escapes; DEL must be escaped in TOML but not in JSON. */
export function tomlString(value: string): string {
  return JSON.stringify(value).replaceAll("\u007f", "\\u007F");
}

/**
 * The key path of a table header line (`[a.b]`, `[[a.b]]`, quoted keys, spaces, trailing comment), or null
 * when the line is not a header.
 */
export function parseTableHeader(line: string): string[] | null {
  const text = line.trim();
  if (!text.startsWith("[")) return null;
  const double = text.startsWith("[[");
  let i = double ? 2 : 1;
  const keys: string[] = [];
  const skipSpace = () => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  for (;;) {
    skipSpace();
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let key = "";
      while (j < text.length && text[j] !== ch) {
        if (ch === '"' && text[j] === "\\") {
          const escaped = text.slice(j, j + 2);
          try {
            key += JSON.parse(`"${escaped}"`);
          } catch {
            return null;
          }
          j += 2;
          continue;
        }
        key += text[j];
        j++;
      }
      if (j >= text.length) return null;
      keys.push(key);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_-]/.test(text[j] ?? "")) j++;
      if (j === i) return null;
      keys.push(text.slice(i, j));
      i = j;
    }
    skipSpace();
    if (text[i] === ".") {
      i++;
      continue;
    }
    break;
  }
  const close = double ? "]]" : "]";
  if (!text.startsWith(close, i)) return null;
  i += close.length;
  skipSpace();
  return i === text.length || text[i] === "#" ? keys : null;
}

/** The key of a `key = value` line (bare or quoted), or null for blank, comment and continuation lines. */
function lineKey(line: string): string | null {
  const text = line.trim();
  if (text === "" || text.startsWith("#")) return null;
  const eq = text.indexOf("=");
  if (eq <= 0) return null;
  const raw = text.slice(0, eq).trim();
  if (/^[A-Za-z0-9_-]+$/.test(raw)) return raw;
  if (raw.length >= 2 && (raw.startsWith('"') || raw.startsWith("'")) && raw.endsWith(raw[0] ?? "")) {
    return raw.slice(1, -1);
  }
  return null;
}

/** Net `[`/`]` depth of a line, ignoring brackets inside strings and comments. */
function bracketDepth(line: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") break;
    else if (ch === "[") depth++;
    else if (ch === "]") depth--;
  }
  return depth;
}

interface Block {
  /** Key path of the header; null for the preamble before the first header. */
  keys: string[] | null;
  lines: string[];
}

/** Splits into the preamble and one block per table header, skipping header-like lines in multi-line strings. */
function splitBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [{ keys: null, lines: [] }];
  let inMultiline: string | null = null;
  for (const line of lines) {
    const header = inMultiline ? null : parseTableHeader(line);
    if (header) blocks.push({ keys: header, lines: [line] });
    else blocks.at(-1)?.lines.push(line);
    for (const delim of ['"""', "'''"]) {
      const count = line.split(delim).length - 1;
      if (count % 2 === 1 && (inMultiline === null || inMultiline === delim)) {
        inMultiline = inMultiline === null ? delim : null;
      }
    }
  }
  return blocks;
}

const isOurs = (keys: string[] | null): boolean =>
  keys !== null && keys.length >= 2 && keys[0] === "mcp_servers" && keys[1] === CODEX_SERVER_NAME;

/** Lines of a block body without the managed keys (and the continuation lines of their multi-line values). */
function keepUserLines(body: string[], managed: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  let skipDepth = 0;
  for (const line of body) {
    if (skipDepth > 0) {
      skipDepth += bracketDepth(line);
      continue;
    }
    const key = lineKey(line);
    if (key !== null && managed.has(key)) {
      skipDepth = Math.max(0, bracketDepth(line));
      continue;
    }
    kept.push(line);
  }
  while (kept.length > 0 && (kept.at(-1) ?? "").trim() === "") kept.pop();
  return kept;
}

/**
 * Returns `text` with our server's tables set to `entry`. Non-ours blocks are untouched; our new tables take
 * the place of the first old one, or are appended (after one blank line) when there was none.
 */
export function upsertCodexServer(text: string, entry: CodexServerEntry): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const endsWithEol = text === "" || text.endsWith("\n");
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  const blocks = splitBlocks(lines);

  const oursBlocks = blocks.filter((b) => isOurs(b.keys));
  const mainOld = oursBlocks.find((b) => b.keys?.length === 2);
  const envOld = oursBlocks.find((b) => b.keys?.length === 3 && b.keys[2] === "env");
  const otherOurs = oursBlocks.filter((b) => b !== mainOld && b !== envOld);

  const mainUser = keepUserLines(mainOld?.lines.slice(1) ?? [], new Set(["command", "args"]));
  const userHasInlineEnv = mainUser.some((l) => lineKey(l) === "env");
  const setEnv = Object.entries(entry.setEnv ?? {});
  if (userHasInlineEnv && setEnv.length > 0) {
    throw new Error(
      `[mcp_servers.${CODEX_SERVER_NAME}] has an inline env = {…}; set ${setEnv.map(([k]) => k).join(", ")} there yourself`,
    );
  }
  const envUser = keepUserLines(envOld?.lines.slice(1) ?? [], new Set(setEnv.map(([k]) => k)));
  const userEnvKeys = new Set(envUser.map(lineKey).filter((k) => k !== null));
  const envLine = ([k, v]: [string, string]) =>
    `${/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k)} = ${tomlString(v)}`;

  const header = `[mcp_servers.${CODEX_SERVER_NAME}]`;
  const out: string[] = [
    mainOld?.lines[0] ?? header,
    `command = ${tomlString(entry.command)}`,
    `args = [${entry.args.map(tomlString).join(", ")}]`,
    ...mainUser,
  ];
  if (!userHasInlineEnv) {
    const defaults = Object.entries(entry.env)
      .filter(([k]) => !userEnvKeys.has(k) && !(entry.setEnv && k in entry.setEnv))
      .map(envLine);
    out.push(
      "",
      envOld?.lines[0] ?? `[mcp_servers.${CODEX_SERVER_NAME}.env]`,
      ...envUser,
      ...defaults,
      ...setEnv.map(envLine),
    );
  }
  for (const b of otherOurs) {
    out.push("", ...b.lines);
    while (out.length > 0 && (out.at(-1) ?? "").trim() === "") out.pop();
  }

  const firstIndex = blocks.findIndex((b) => isOurs(b.keys));
  const result: string[] = [];
  if (firstIndex === -1) {
    const existing = blocks.flatMap((b) => b.lines);
    result.push(...existing);
    if (existing.length > 0) result.push("");
    result.push(...out);
    return `${result.join(eol)}${eol}`;
  }
  blocks.forEach((b, index) => {
    if (index === firstIndex) {
      // Keep the blank lines that separated the old block from the next one.
      const trailing = b.lines.length - (b.lines.findLastIndex((l) => l.trim() !== "") + 1);
      const isLast = blocks.slice(index + 1).every((later) => isOurs(later.keys));
      result.push(...out, ...Array<string>(isLast ? 0 : Math.max(trailing, 1)).fill(""));
    } else if (!isOurs(b.keys)) {
      result.push(...b.lines);
    }
  });
  return `${result.join(eol)}${endsWithEol ? eol : ""}`;
}

/**
 * Reads our server back from `config.toml` (for `doctor`): `command`, `args` and the env table's values,
 * as far as they are single-line basic strings (what `install` writes). Null when our table is absent.
 */
export function readCodexServer(
  text: string,
): { command: string | null; args: string[]; env: Record<string, string> } | null {
  const blocks = splitBlocks(text.split(/\r?\n/));
  const main = blocks.find((b) => isOurs(b.keys) && b.keys?.length === 2);
  if (!main) return null;
  const envBlock = blocks.find((b) => isOurs(b.keys) && b.keys?.length === 3 && b.keys[2] === "env");
  const value = (line: string): unknown => {
    try {
      return JSON.parse(line.slice(line.indexOf("=") + 1).trim());
    } catch {
      return undefined;
    }
  };
  let command: string | null = null;
  let args: string[] = [];
  const env: Record<string, string> = {};
  for (const line of main.lines.slice(1)) {
    const key = lineKey(line);
    const v = value(line);
    if (key === "command" && typeof v === "string") command = v;
    if (key === "args" && Array.isArray(v)) args = v.filter((a): a is string => typeof a === "string");
  }
  for (const line of envBlock?.lines.slice(1) ?? []) {
    const key = lineKey(line);
    const v = value(line);
    if (key !== null && typeof v === "string") env[key] = v;
  }
  return { command, args, env };
}
