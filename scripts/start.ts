/**
 * `npm start` / `npm run dev`: runs `next start` (or `next dev` with --dev) with what a local or demo run
 * needs and a real deployment sets itself:
 * - NEXTAUTH_SECRET: when unset, a random secret persisted in `./data/nextauth-secret` (0600), so sessions
 *   survive restarts. Real deployments set NEXTAUTH_SECRET.
 * - NEXTAUTH_URL: http://localhost:3000 unless set (next-auth needs it; use localhost, not 127.0.0.1).
 * - The bind address: PORTAL_HOST, else loopback for a localhost URL and all interfaces otherwise
 *   (lib/listen-address.ts); the first line printed says which.
 * Everything else (demo folder, demo login, watcher) happens in instrumentation.ts inside the server.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_LOGIN } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { listeningLine, listenPort, resolveListenHost } from "@/lib/listen-address";

const dev = process.argv.includes("--dev");
const env = getEnv();
const dataDir = path.dirname(path.resolve(env.PORTAL_DB_PATH));

function ensureSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 32) {
      // Whoever can read the secret can forge sessions: keep an older, looser file private too.
      chmodSync(file, 0o600);
      return saved;
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  process.stderr.write(`[start] NEXTAUTH_SECRET not set: generated one in ${file}\n`);
  return secret;
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXTAUTH_SECRET: ensureSecret(),
  NEXTAUTH_URL: env.NEXTAUTH_URL,
  NEXT_TELEMETRY_DISABLED: "1",
};

const host = resolveListenHost(env);
const port = listenPort(env.NEXTAUTH_URL);
process.stderr.write(
  `[start] ${listeningLine(env.NEXTAUTH_URL, host, port)} (${dev ? "next dev" : "next start"})\n`,
);
if (env.PORTAL_DATA_ROOT) process.stderr.write(`[start] data: ${path.resolve(env.PORTAL_DATA_ROOT)}\n`);
else {
  process.stderr.write(
    `[start] demo mode (PORTAL_DATA_ROOT unset): data in ${path.resolve(env.PORTAL_DEMO_ROOT)}\n` +
      `[start] demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`,
  );
}

// Run Next's CLI with this node directly (an npx wrapper would leave next-server behind when killed).
const nextBin = path.resolve("node_modules/next/dist/bin/next");
// Idle keep-alive connections are kept 30 s (Node's default is 5 s): a client that reuses one at the moment
// the server closes it gets ECONNRESET (an e2e API call after 5 s of page work met exactly that). Below
// Node's 60 s headers timeout.
const keepAlive = dev ? [] : ["--keepAliveTimeout", "30000"];
const child = spawn(
  process.execPath,
  [nextBin, dev ? "dev" : "start", "-p", port, "-H", host, ...keepAlive],
  {
    env: childEnv,
    stdio: "inherit",
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
