/**
 * `ai-session-tracker push --url <portal> [--token <token>] [--dir <folder>]`: sends this developer's
 * tracker files to a portal's `POST /api/v1/ingest`, for machines that cannot sync a folder. The folder
 * is the one the recorder writes (AI_OUTPUT_DIR / the team file's `output_dir:` / `.ai_sessions`, as
 * `doctor` reports it) unless `--dir` names one; developer and project come from the recorder's identity
 * resolution (git user name, `.ai_sessions.yaml`, folder name), as one folder name each. The token comes
 * from `--token` or, kept out of shell history, `AI_TRACKER_PUSH_TOKEN`; it is never printed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { USAGE_FILE_NAME } from "../contract/usage-schema.js";
import { resolveIdentity } from "../identity/resolve-identity.js";
import { TRACKER_FILES } from "../storage/tracker-store.js";
import type { CommandSpec, RunEnv } from "./command.js";
import { type FlagSpec, type FlagValues, UsageError } from "./flags.js";
import { resolveOutputTarget, safeSegment } from "./output-target.js";

/** The env variable the token may come from instead of `--token`. */
export const PUSH_TOKEN_ENV = "AI_TRACKER_PUSH_TOKEN";

const flags: readonly FlagSpec[] = [
  {
    name: "url",
    kind: "string",
    required: true,
    valueName: "URL",
    help: "Portal address (https://portal.example.com)",
  },
  {
    name: "token",
    kind: "string",
    valueName: "TOKEN",
    help: `API token with the ingest scope (else ${PUSH_TOKEN_ENV})`,
  },
  {
    name: "dir",
    kind: "string",
    valueName: "DIR",
    help: "Tracker folder to send (default: the recorder's data folder)",
  },
  {
    name: "developer",
    kind: "string",
    valueName: "NAME",
    help: "Developer folder name (default: git user name, else OS user)",
  },
  {
    name: "project",
    kind: "string",
    valueName: "NAME",
    help: "Project name (default: .ai_sessions.yaml project:, else the folder name)",
  },
  { name: "json", kind: "boolean", help: "Print the portal's answer as JSON" },
];

const PUSH_TIMEOUT_MS = 120_000;

function text(values: FlagValues, name: string): string | undefined {
  const v = values.get(name);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** The files of `dir` that exist, parsed; throws a message naming a file that is not JSON. */
async function readTrackerFiles(dir: string): Promise<Record<string, unknown>> {
  const files: Record<string, unknown> = {};
  // usage.json (measured token usage, `ai-session-tracker usage`) travels with the four upstream files.
  for (const name of [...Object.values(TRACKER_FILES), USAGE_FILE_NAME]) {
    let content: string;
    try {
      content = await readFile(path.join(dir, name), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new Error(`cannot read ${path.join(dir, name)}: ${(e as Error).message}`);
    }
    try {
      files[name] = JSON.parse(content);
    } catch {
      throw new Error(
        `${path.join(dir, name)} is not valid JSON (a write or sync in progress?); nothing was sent`,
      );
    }
  }
  return files;
}

interface PushAnswer {
  source?: string;
  changed?: boolean;
  files?: { name: string; action: string; records: number; skipped: number }[];
  error?: { code?: string; message?: string; issues?: unknown };
}

async function run(values: FlagValues, env: RunEnv): Promise<number> {
  const token = text(values, "token") ?? env.env[PUSH_TOKEN_ENV]?.trim();
  if (!token) throw new UsageError(`no token: pass --token or set ${PUSH_TOKEN_ENV}`, "push");
  let endpoint: URL;
  try {
    endpoint = new URL("/api/v1/ingest", text(values, "url"));
  } catch {
    throw new UsageError("--url must be an absolute http(s) address", "push");
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:")
    throw new UsageError("--url must be an absolute http(s) address", "push");
  const given = text(values, "dir");
  const dir = given
    ? path.resolve(env.cwd, given)
    : (await resolveOutputTarget({ cwd: env.cwd, env: env.env })).dir;
  const identity = await resolveIdentity({ cwd: env.cwd, env: env.env });
  const developer = text(values, "developer") ?? safeSegment(identity.developer);
  const project = text(values, "project") ?? safeSegment(identity.project);

  let files: Record<string, unknown>;
  try {
    files = await readTrackerFiles(dir);
  } catch (e) {
    env.io.stderr(`ai-session-tracker push: ${(e as Error).message}\n`);
    return 1;
  }
  if (Object.keys(files).length === 0) {
    env.io.stderr(`ai-session-tracker push: no tracker files in ${dir}; nothing was sent\n`);
    return 1;
  }

  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ developer, project, files }),
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    env.io.stderr(`ai-session-tracker push: cannot reach ${endpoint.origin} (${why})\n`);
    return 1;
  }
  const raw = await response.text();
  let answer: PushAnswer = {};
  try {
    answer = JSON.parse(raw) as PushAnswer;
  } catch {
    // Not JSON (a proxy's error page): reported by status below.
  }
  if (values.get("json") === true) env.io.stdout(`${raw}\n`);
  if (!response.ok) {
    const message = answer.error?.message ?? (raw.slice(0, 200) || response.statusText);
    const issues = answer.error?.issues ? ` ${JSON.stringify(answer.error.issues)}` : "";
    env.io.stderr(`ai-session-tracker push: the portal answered ${response.status}: ${message}${issues}\n`);
    return 1;
  }
  if (values.get("json") !== true) {
    env.io.stdout(`pushed ${dir} as ${answer.source ?? `${developer}/${project}`} to ${endpoint.origin}\n`);
    for (const f of answer.files ?? [])
      env.io.stdout(`  ${f.name}: ${f.action} (${f.records} records, ${f.skipped} skipped)\n`);
    env.io.stdout(
      answer.changed ? "portal data updated\n" : "nothing new: the portal already had these files\n",
    );
  }
  return 0;
}

/** The `push` command. */
export const pushCommand: CommandSpec = {
  name: "push",
  summary:
    "Send this developer's tracker files to a portal (POST /api/v1/ingest), for machines without a synced folder",
  flags,
  details: `The token needs the "ingest" scope; set ${PUSH_TOKEN_ENV} instead of --token to keep it out of shell history. Exit 1 when the portal refuses the push or cannot be reached.`,
  run,
};
