/**
 * Writes a developer's tracker folder with the real recorder (the built `ai-session-tracker` CLI), as
 * their machine would: one ended session with the given interactions, at a given AI_TRACKER_PROMPTS level.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../mcp-server/dist/cli/main.js", import.meta.url));

/** One `log` call: the texts and the 1–5 rating. */
export interface RecordedInteraction {
  prompt: string;
  summary: string;
  rating: number;
}

/**
 * Records into `dir` (AI_OUTPUT_DIR, also the working folder and HOME) a session named `name` of
 * `developer` on `project`, logs `interactions`, ends it `success`, and returns its id.
 */
export function recordSession(input: {
  dir: string;
  level: "full" | "summary" | "none";
  developer: string;
  project: string;
  name: string;
  interactions: readonly RecordedInteraction[];
}): string {
  const { dir } = input;
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH,
        HOME: dir,
        TZ: "UTC",
        AI_OUTPUT_DIR: dir,
        AI_TRACKER_PROMPTS: input.level,
      },
      encoding: "utf8",
    });
  const session = { name: input.name, type: "debugging", model: "m", mins: "30", source: "manual" };
  const flags = Object.entries({ ...session, developer: input.developer, project: input.project }).flatMap(
    ([flag, value]) => [`--${flag}`, value],
  );
  const started: unknown = JSON.parse(run("start", ...flags, "--json"));
  const id = (started as { data?: { session_id?: unknown } }).data?.session_id;
  if (typeof id !== "string")
    throw new Error(`the recorder did not start a session: ${JSON.stringify(started)}`);
  for (const i of input.interactions)
    run(
      "log",
      "--session-id",
      id,
      "--prompt",
      i.prompt,
      "--summary",
      i.summary,
      "--rating",
      String(i.rating),
    );
  run("end", "--session-id", id, "--outcome", "success");
  return id;
}
