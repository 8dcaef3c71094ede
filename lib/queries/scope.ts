/**
 * Shared plumbing of the read model: the WHERE clauses a set of dashboard filters selects and raw SQL run
 * through the data layer (lib/db/store.ts; the SQLite engine prepares each statement once per
 * connection). `py_round` / `classify_gap` exist as SQL functions on both engines (lib/db).
 */

import { EXCLUDED_FROM_ROI } from "ai-session-tracker-mcp/contract";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";

/** A SQL fragment with its positional parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** `@name` parameters of a statement, outside quoted strings. */
const NAMED = /'(?:[^']|'')*'|\?|@([A-Za-z_]\w*)/g;

/**
 * `sql` with every `@name` written as `?` and `params` with the value of that name at its place: a
 * statement may end its positional parameters with one object of named values (`{ dev }`, bound
 * wherever `@dev` stands), as the per-developer passes do, while the store takes `?` only (both engines).
 */
export function bindNamed(sql: string, params: readonly unknown[]): { sql: string; params: unknown[] } {
  const last = params.at(-1);
  if (typeof last !== "object" || last === null || Array.isArray(last)) return { sql, params: [...params] };
  const named = last as Record<string, unknown>;
  const positional = params.slice(0, -1);
  const out: unknown[] = [];
  let next = 0;
  const text = sql.replace(NAMED, (m, name: string | undefined) => {
    if (m === "?") out.push(positional[next++]);
    else if (name !== undefined) {
      if (!(name in named)) throw new Error(`no value for @${name}`);
      out.push(named[name]);
      return "?";
    }
    return m;
  });
  return { sql: text, params: out };
}

/** Runs `sql` and returns every row typed as `T` (rows are plain objects of SQL values). */
export function all<T>(db: Store, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const b = bindNamed(sql, params);
  return db.all<T>(b.sql, b.params);
}

/** Runs `sql` and returns the first row or undefined. */
export function get<T>(db: Store, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  const b = bindNamed(sql, params);
  return db.get<T>(b.sql, b.params);
}

/** `?, ?, ?` for `n` parameters. */
function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

const EXCLUDED = [...EXCLUDED_FROM_ROI];

/**
 * SQL boolean over sessions alias `s`: a productive (not human_review), completed session — the set
 * upstream's ROI counts. The excluded task types come from the contract.
 */
export const PRODUCTIVE_COMPLETED: SqlPart = {
  sql: `(s.status = 'completed' AND s.task_type NOT IN (${placeholders(EXCLUDED.length)}))`,
  params: EXCLUDED,
};

/** The columns the filters compare on one table (an alias-qualified name each; absent = filter ignored). */
interface FilterColumns {
  time: string;
  developerId: string;
  project: string;
  model: string;
  task?: string;
  outcome?: string;
}

/**
 * The URL filters plus the principal's data scope (lib/auth/privacy.ts): `onlyDevelopers` limits rows to
 * a member's own folders. Set by the read model only, never parsed from a URL.
 */
export type ScopedFilters = DashboardFilters & { onlyDevelopers?: readonly string[] };

/** SQL boolean: developer id column `col` is one of the developers named `names` (none = false). */
function developerIn(col: string, names: readonly string[]): SqlPart {
  if (names.length === 0) return { sql: "1 = 0", params: [] };
  return {
    sql: `${col} IN (SELECT id FROM developers WHERE name IN (${placeholders(names.length)}))`,
    params: [...names],
  };
}

/** WHERE clause of the filters and window over the columns `c` ("1 = 1" when nothing is filtered). */
function filterWhere(f: ScopedFilters, w: TimeWindow | null, c: FilterColumns): SqlPart {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (w) add(`${c.time} >= ? AND ${c.time} < ?`, w.fromMs, w.toMs);
  if (f.developer) add(`${c.developerId} = (SELECT id FROM developers WHERE name = ?)`, f.developer);
  if (f.onlyDevelopers) {
    const only = developerIn(c.developerId, f.onlyDevelopers);
    add(only.sql, ...only.params);
  }
  if (f.project !== undefined) add(`${c.project} = ?`, f.project);
  if (f.model) add(`${c.model} = ?`, f.model);
  if (c.task && f.task) add(`${c.task} = ?`, f.task);
  if (c.outcome && f.outcome === "none") add(`${c.outcome} IS NULL`);
  else if (c.outcome && f.outcome) add(`${c.outcome} = ?`, f.outcome);
  return { sql: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}

const SESSION_COLUMNS: FilterColumns = {
  time: "s.start_ms",
  developerId: "s.developer_id",
  project: "s.project",
  model: "s.model_name",
  task: "s.task_type",
  outcome: "s.outcome",
};

/**
 * WHERE clause over sessions alias `s` for the filters and window (start time in `[from, to)`).
 * Sessions without a parseable start only appear when the window is "all time".
 */
export function sessionScope(f: ScopedFilters, w: TimeWindow | null): SqlPart {
  return filterWhere(f, w, SESSION_COLUMNS);
}

/**
 * Whether the filters pick sessions (a window, project, model, task type or outcome): then a child table's
 * rows follow their sessions ({@link childScope} joins `sessions s`), else they are taken as they are.
 */
export function picksSessions(f: ScopedFilters, w: TimeWindow | null): boolean {
  return Boolean(w || f.project !== undefined || f.model || f.task || f.outcome);
}

/**
 * FROM + WHERE over a per-session child table (`session_interaction_totals` / `interactions` / `issues`, alias `x`) for the
 * filters. With no session-level filter except the developer, the child rows are taken as they are —
 * including rows whose session record is missing, exactly as upstream's report reads a folder; otherwise
 * they are joined to the sessions in scope. `session` says what to do about the session alias `s` when no
 * session-level filter needs it: "none" leaves it out, "inner" joins it (to group by a session column),
 * "left" left-joins it (session columns, NULL for rows without a session record).
 */
export function childScope(
  table: "session_interaction_totals" | "interactions" | "issues",
  f: ScopedFilters,
  w: TimeWindow | null,
  session: "none" | "inner" | "left" = "none",
): SqlPart {
  const sessionLevel = picksSessions(f, w);
  const on = "s.developer_id = x.developer_id AND s.session_id = x.session_id";
  if (!sessionLevel && session !== "inner") {
    const from = session === "left" ? `${table} x LEFT JOIN sessions s ON ${on}` : `${table} x`;
    const only = f.onlyDevelopers
      ? developerIn("x.developer_id", f.onlyDevelopers)
      : { sql: "1 = 1", params: [] };
    if (!f.developer) return { sql: `${from} WHERE ${only.sql}`, params: only.params };
    return {
      sql: `${from} WHERE x.developer_id = (SELECT id FROM developers WHERE name = ?) AND ${only.sql}`,
      params: [f.developer, ...only.params],
    };
  }
  const scope = sessionScope(f, w);
  return { sql: `${table} x JOIN sessions s ON ${on} WHERE ${scope.sql}`, params: scope.params };
}

const REQUEST_COLUMNS: FilterColumns = {
  time: "r.ts_ms",
  developerId: "r.developer_id",
  project: "r.project",
  model: "r.model",
};

/**
 * WHERE clause over `requests` alias `r`. Requests carry their own time, developer, project and model;
 * they are not linked to sessions, so the task type and outcome filters do not apply to them.
 */
export function requestScope(f: ScopedFilters, w: TimeWindow | null): SqlPart {
  return filterWhere(f, w, REQUEST_COLUMNS);
}

const USAGE_COLUMNS: FilterColumns = {
  time: "u.hour_ms",
  developerId: "u.developer_id",
  project: "u.project",
  model: "u.model",
};

/**
 * WHERE clause over `usage` alias `u` (measured token usage, issue 13): its hour, developer, project and
 * model (the agent's own model name). Task type and outcome do not apply to it.
 */
export function usageScope(f: ScopedFilters, w: TimeWindow | null): SqlPart {
  return filterWhere(f, w, USAGE_COLUMNS);
}

/** Monday 00:00 UTC of the week holding epoch-ms column `col`, as SQL (1970-01-05 was a Monday). */
export function weekStartSql(col: string): string {
  return `((((${col}) - 345600000) / 604800000) * 604800000 + 345600000)`;
}

/** Monday 00:00 UTC (epoch ms) of the week holding `ms`. */
export function weekStartOf(ms: number): number {
  return Math.floor((ms - 345_600_000) / 604_800_000) * 604_800_000 + 345_600_000;
}
