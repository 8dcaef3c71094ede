/**
 * Friction that means something: in-day gaps only (the rule and the flagging are the stats package's
 * `in-day-friction.ts`), the team's long-gap share as the baseline, and the developers, projects and
 * models that stand clearly above it. Upstream's gap analysis and indicators are untouched (`slices.ts`).
 *
 * Each developer's own timeline is walked in start order (every session in scope, whatever its project
 * or model); a gap belongs to the session that follows it — the developer, project and model the
 * developer came back to. One grouped pass: gaps counted per (developer, project, model) in SQL.
 */
import {
  type FrictionFinding,
  frictionAgainstBaseline,
  IN_DAY_GAP_RULE,
  type InDayGapCounts,
  type InDayGapRule,
} from "ai-session-tracker-mcp/stats";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, sessionScope } from "./scope";
import { developerNames } from "./slices";

/** In-day friction of the filtered sessions: the team's baseline and every group against it. */
export interface Friction {
  rule: InDayGapRule;
  team: InDayGapCounts & { sharePct: number };
  developer: FrictionFinding[];
  project: FrictionFinding[];
  model: FrictionFinding[];
}

interface Row {
  dev: number;
  project: string;
  model: string;
  n: number;
  long: number;
}

/** In-day gaps and baseline flags for the filters (see the module comment for the rule). */
export async function getFriction(input: FilteredInput & { rule?: InDayGapRule }): Promise<Friction> {
  const rule = input.rule ?? IN_DAY_GAP_RULE;
  return memo(input.db, "friction", [input.filters, input.nowMs, rule], async () => {
    const window = await queryWindow(input);
    const scope = sessionScope(input.filters, window);
    // The day is the UTC day of the stored times (see the rule): every column here is in the covering
    // index `sessions_window_idx`, so the pass never reads the table itself.
    // Each developer's timeline on its own, cached under their data version (per-developer.ts); the call's
    // shape is every partial-backed pass's (deliberate: each names its own SQL, key and windows).
    const rows = (
      await perDeveloper(
        input.db,
        "friction",
        [rowFilters(input.filters), rule],
        input.filters.developer,
        async (dev) =>
          await all<Row>(
            input.db,
            `WITH t AS (
         SELECT s.developer_id AS dev, s.project AS project, s.model_name AS model, s.start_ms AS st,
           s.start_ms / 86400000 AS sd,
           LAG(s.end_ms) OVER w AS pe, LAG(s.end_ms / 86400000) OVER w AS ped
         FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.start_ms IS NOT NULL
         WINDOW w AS (PARTITION BY s.developer_id ORDER BY s.start_ms, s.id)
       )
       SELECT dev, project, model, count(*) AS n, sum(CASE WHEN (st - pe) >= ? THEN 1 ELSE 0 END) AS long FROM t
       WHERE pe IS NOT NULL AND ped = sd AND st >= pe AND (st - pe) < ?
       GROUP BY 1, 2, 3`,
            [...scope.params, rule.longGapMinutes * 60_000, rule.maxGapMinutes * 60_000, { dev }],
          ),
        [window],
      )
    ).flat();
    const names = await developerNames(input);
    const team: InDayGapCounts = { gaps: 0, long: 0 };
    const by: Record<"developer" | "project" | "model", Map<string, InDayGapCounts>> = {
      developer: new Map(),
      project: new Map(),
      model: new Map(),
    };
    const add = (m: Map<string, InDayGapCounts>, key: string, r: Row) => {
      const c = m.get(key) ?? { gaps: 0, long: 0 };
      c.gaps += r.n;
      c.long += r.long;
      m.set(key, c);
    };
    for (const r of rows) {
      team.gaps += r.n;
      team.long += r.long;
      add(by.developer, names.get(r.dev) ?? String(r.dev), r);
      add(by.project, r.project, r);
      add(by.model, r.model, r);
    }
    const findings = (m: Map<string, InDayGapCounts>) =>
      frictionAgainstBaseline(
        [...m].map(([key, c]) => ({ key, ...c })),
        team,
        rule,
      );
    const developer = findings(by.developer);
    return {
      rule,
      team: { ...team, sharePct: developer[0]?.teamSharePct ?? 0 },
      developer,
      project: findings(by.project),
      model: findings(by.model),
    };
  });
}
