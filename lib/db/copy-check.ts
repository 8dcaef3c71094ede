/**
 * The content check of `npm run db:copy` (lib/db/copy.ts): per table, figures computed by the database
 * itself with the same SQL on both engines — the row count; per integer column its exact sum (in two
 * parts, so no sum overflows 64 bits: Σ⌊v/10⁶⌋ and Σ(v mod 10⁶)); per real column its sum; per text and
 * blob column the total length; per nullable column how many values are set. A dropped, duplicated,
 * truncated, re-typed or NULLed value moves one of them. Reals are compared with a relative tolerance:
 * the engines add doubles in different orders.
 */
import type { CopyTable } from "./copy-tables";
import type { SqlRunner } from "./store";

/** The figures of one table: `rows` and one value per check, keyed `<column>:<check>`. */
export interface TableFigures {
  rows: number;
  checks: Record<string, string | number>;
}

const REAL_TOLERANCE = 1e-9;

function checkExpressions(table: CopyTable): string[] {
  const out: string[] = [];
  for (const c of table.columns) {
    const col = `"${c.name}"`;
    if (c.type === "integer")
      out.push(
        `CAST(COALESCE(sum(${col} / 1000000), 0) AS TEXT) || ':' || CAST(COALESCE(sum(${col} % 1000000), 0) AS TEXT) AS "${c.name}:sum"`,
      );
    else if (c.type === "real") out.push(`COALESCE(sum(${col}), 0) AS "${c.name}:sum"`);
    else out.push(`COALESCE(sum(length(${col})), 0) AS "${c.name}:length"`);
    if (c.nullable) out.push(`count(${col}) AS "${c.name}:set"`);
  }
  return out;
}

/** The figures of `table` on `db` (one full scan, inside the caller's snapshot or transaction). */
export async function tableFigures(db: SqlRunner, table: CopyTable): Promise<TableFigures> {
  const row = await db.get<Record<string, string | number>>(
    `SELECT count(*) AS "rows", ${checkExpressions(table).join(", ")} FROM "${table.name}"`,
  );
  const { rows, ...checks } = row ?? {};
  return { rows: Number(rows ?? 0), checks };
}

function sameValue(a: string | number | undefined, b: string | number | undefined): boolean {
  if (typeof a === "number" && typeof b === "number")
    return a === b || Math.abs(a - b) <= REAL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  return String(a) === String(b);
}

/** What differs between the source's and the target's figures, one line per check ("" none). */
export function figureDifferences(source: TableFigures, target: TableFigures): string[] {
  const out: string[] = [];
  if (source.rows !== target.rows) out.push(`rows ${source.rows} → ${target.rows}`);
  for (const [k, v] of Object.entries(source.checks))
    if (!sameValue(v, target.checks[k])) out.push(`${k} ${String(v)} → ${String(target.checks[k])}`);
  return out;
}
