/**
 * `npm run db:copy -- --from sqlite:./data/portal.db --to postgres://user@host:5432/portal [--force]`
 *
 * Moves a portal's data (lib/db/copy.ts) and prints, per table, the rows source → target and whether
 * its figures match, then the verdict. Exit codes (sysexits.h): 0 copied and verified; 64 bad
 * arguments or URL; 65 nothing written — a row the target refused or figures that differ; 66 no source
 * database; 69 a server cannot be reached or the connection was lost (nothing written); 73 the target
 * holds data (use --force); 70 anything else. Errors are one line, never a stack, never a password.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { type CopyReport, copyDatabase } from "@/lib/db/copy";
import { describeLocation, parseCopyLocation } from "@/lib/db/copy-location";
import { isPortalError, PortalError, type PortalErrorCode } from "@/lib/errors";

const USAGE = `usage: npm run db:copy -- --from <location> --to <location> [--force]
  <location>: sqlite:<path to the .db file> or postgres://user[:password]@host:5432/database
  (put the password in PGPASSWORD to keep it out of the shell history)
  --force: replace everything in a target that already holds data`;

/** Exit code per PortalError code (sysexits.h). */
const EXIT: Record<PortalErrorCode, number> = {
  bad_request: 64,
  not_found: 66,
  unavailable: 69,
  conflict: 73,
  unauthorized: 69,
  forbidden: 69,
  too_large: 65,
  internal: 70,
};
const EXIT_DATA = 65;

function printReport(out: NodeJS.WritableStream, r: CopyReport): void {
  const width = Math.max(5, ...r.tables.map((t) => t.table.length));
  const num = (n: number) => n.toLocaleString("en-US").padStart(11);
  out.write(`${"table".padEnd(width)}      source →      target  check\n`);
  for (const t of r.tables) {
    const check = t.differences.length === 0 ? "ok" : `DIFFERS: ${t.differences.join("; ")}`;
    out.write(`${t.table.padEnd(width)} ${num(t.source.rows)} → ${num(t.target.rows)}  ${check}\n`);
  }
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let values: { from?: string; to?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    process.stderr.write(`db:copy: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 64;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (!values.from || !values.to) throw new PortalError("bad_request", "both --from and --to are needed");
    const from = parseCopyLocation(values.from, "--from");
    const to = parseCopyLocation(values.to, "--to");
    process.stderr.write(`db:copy ${describeLocation(from)} → ${describeLocation(to)}\n`);
    let lastProgress = performance.now();
    const r = await copyDatabase({
      from,
      to,
      force: values.force ?? false,
      onTable: (table, rows, ms) =>
        process.stderr.write(
          `  copied ${table}: ${rows.toLocaleString("en-US")} rows (${Math.round(ms)} ms)\n`,
        ),
      // A big table takes minutes: say how far it is every few seconds.
      onBatch: (table, rows) => {
        if (performance.now() - lastProgress < 5000) return;
        lastProgress = performance.now();
        process.stderr.write(`  copying ${table}: ${rows.toLocaleString("en-US")} rows so far\n`);
      },
    });
    const seconds = (r.ms / 1000).toFixed(1);
    if (r.verdict === "refused") {
      process.stderr.write(`db:copy: ${r.refusal}\nnothing was written (the copy was rolled back)\n`);
      return EXIT_DATA;
    }
    printReport(process.stdout, r);
    if (r.verdict === "mismatch") {
      process.stdout.write(`NOT VERIFIED: figures differ; nothing was written (the copy was rolled back)\n`);
      return EXIT_DATA;
    }
    process.stdout.write(
      `verified: ${r.tables.length} tables, ${r.rows.toLocaleString("en-US")} rows copied in ${seconds} s to ${describeLocation(to)}\n`,
    );
    return 0;
  } catch (e) {
    if (isPortalError(e)) {
      process.stderr.write(`db:copy: ${e.message}\n${e.code === "bad_request" ? `${USAGE}\n` : ""}`);
      return EXIT[e.code];
    }
    // Unexpected: one line (the message may come from a driver; locations are not in it).
    process.stderr.write(`db:copy failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 70;
    },
  );
}
