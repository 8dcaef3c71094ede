/**
 * `ai-session-tracker dashboard`: the team portal, run on this developer's own AI_OUTPUT_DIR and bound
 * to loopback. The portal reads `<root>/<developer>/…`, so the folder is linked into a private root as
 * `<root>/<developer name>`; its database, login and secret live in a state folder beside the portal's
 * data (`<portal>/data/dashboards/<hash of the output dir>/`). The portal ships in this package's
 * repository (the workspace root); an npm-only install has no portal and says so.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TrackerError } from "../errors.js";
import { resolveIdentity } from "../identity/resolve-identity.js";
import { resolveOutputDir } from "../storage/output-dir.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const PORTAL_PACKAGE_NAME = "ai-session-tracker-portal";

/** The portal checkout: `AI_SESSION_TRACKER_PORTAL`, else the workspace root this package lives in. */
export function findPortal(env: NodeJS.ProcessEnv): string | null {
  const candidates = [
    env.AI_SESSION_TRACKER_PORTAL,
    fileURLToPath(new URL("../../../", import.meta.url)), // mcp-server/dist/dashboard → repository root
  ].filter((c): c is string => typeof c === "string" && c !== "");
  for (const dir of candidates) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg && typeof pkg === "object" && "name" in pkg && pkg.name === PORTAL_PACKAGE_NAME)
        return resolve(dir);
    } catch {
      // not a portal checkout; try the next candidate
    }
  }
  return null;
}

export interface DashboardPlan {
  portal: string;
  url: string;
  login: { email: string; password: string };
  env: NodeJS.ProcessEnv;
  outputDir: string;
}

/** Works out folders, login and environment; creates the private root and state folder. */
export async function planDashboard(opts: {
  host: string;
  port: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<DashboardPlan> {
  if (!LOOPBACK.has(opts.host)) {
    throw new TrackerError(
      "invalid_input",
      `The personal dashboard only binds to loopback (127.0.0.1, localhost, ::1), not ${opts.host}. ` +
        "To share figures with a team, run the team portal on the shared folder (see the repository README).",
    );
  }
  const portal = findPortal(opts.env);
  if (!portal) {
    throw new TrackerError(
      "not_found",
      "The dashboard is the team portal, which is not installed next to this package. Clone the " +
        "ai-session-tracker repository, run `npm install` there, then run this command from that checkout " +
        "(or set AI_SESSION_TRACKER_PORTAL to its folder).",
    );
  }
  const { dir: outputDir } = resolveOutputDir({ env: opts.env, cwd: opts.cwd, homedir: homedir() });
  if (!existsSync(outputDir)) {
    throw new TrackerError(
      "not_found",
      `No tracker data at ${outputDir} yet (AI_OUTPUT_DIR). Record a session first.`,
    );
  }
  const { developer } = await resolveIdentity({ cwd: opts.cwd, env: opts.env });
  const state = join(
    portal,
    "data",
    "dashboards",
    createHash("sha256").update(outputDir).digest("hex").slice(0, 16),
  );
  const root = join(state, "root");
  mkdirSync(root, { recursive: true });
  const folderName = developer.replace(/[\\/]/g, "-").trim() || "me";
  const link = join(root, folderName);
  if (!existsSync(link) || readlinkSync(link) !== outputDir) {
    rmSync(link, { force: true });
    symlinkSync(outputDir, link, "dir");
  }
  const password = readOrCreateSecret(join(state, "login-password"), 12);
  const login = { email: "me@dashboard.localhost", password };
  const url = `http://localhost:${opts.port}`;
  return {
    portal,
    url,
    login,
    outputDir,
    env: {
      ...opts.env,
      PORTAL_DATA_ROOT: root,
      PORTAL_DB_PATH: join(state, "portal.db"),
      PORTAL_HOST: opts.host === "localhost" ? "127.0.0.1" : opts.host,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: readOrCreateSecret(join(state, "nextauth-secret"), 32),
      PORTAL_ADMIN_EMAIL: login.email,
      PORTAL_ADMIN_PASSWORD: password,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  };
}

function readOrCreateSecret(file: string, bytes: number): string {
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 8) return saved;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(bytes).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Whether the portal checkout holds a production build (`next build` has run). */
export function portalIsBuilt(portal: string): boolean {
  return existsSync(join(portal, ".next", "BUILD_ID"));
}

/** Builds the portal once if it has never been built (a few minutes; progress goes to stderr). */
export function ensurePortalBuilt(portal: string, log: (line: string) => void): void {
  if (portalIsBuilt(portal)) return;
  log("Building the portal once (next build)…\n");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["run", "build"], { cwd: portal, stdio: ["ignore", 2, 2] });
  if (r.status !== 0)
    throw new TrackerError("io", `Building the portal failed (npm run build in ${portal}).`);
}

/**
 * Starts the portal server (its `scripts/start.ts`, as `npm run serve` does) and returns the child.
 * `stderr` mode keeps the child off our stdout, which is the MCP protocol when the server spawns it.
 */
export function startPortal(plan: DashboardPlan, stdio: "inherit" | "stderr"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: plan.portal,
    env: plan.env,
    stdio: stdio === "inherit" ? "inherit" : ["ignore", 2, 2],
  });
}
