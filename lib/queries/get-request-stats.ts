/**
 * `requests.json` statistics (upstream never shows them on its dashboard) for the filtered range:
 * totals in SQL, figures by the stats package's `requestStatsFromTotals`. Requests are not linked to
 * sessions, so only the date, developer, project and model filters apply.
 */
import { type RequestStats, requestStatsFromTotals } from "ai-session-tracker-mcp/stats";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, get, requestScope } from "./scope";

/** Upstream's request stats over the filtered requests. */
export async function getRequestStats(input: FilteredInput): Promise<RequestStats> {
  return memo(input.db, "requests", [input.filters, input.nowMs, input.assumptions ?? null], async () => {
    const scope = requestScope(input.filters, await queryWindow(input));
    const t = await get<{
      n: number;
      tin: number;
      tout: number;
      cached: number;
      fresh: number;
      rate: number;
    }>(
      input.db,
      `SELECT count(*) AS n, coalesce(sum(r.tokens_in), 0) AS tin, coalesce(sum(r.tokens_out), 0) AS tout,
         coalesce(sum(r.cached_tokens), 0) AS cached, coalesce(sum(r.new_tokens), 0) AS fresh,
         COALESCE(sum(r.cache_hit_rate), 0) AS rate
       FROM requests r WHERE ${scope.sql}`,
      scope.params,
    );
    const group = async (col: string) =>
      (
        await all<{ key: string; n: number }>(
          input.db,
          `SELECT ${col} AS key, count(*) AS n FROM requests r WHERE ${scope.sql} GROUP BY 1 ORDER BY 2 DESC`,
          scope.params,
        )
      ).map((r) => [r.key, r.n] as const);
    return requestStatsFromTotals({
      count: t?.n ?? 0,
      tokensIn: t?.tin ?? 0,
      tokensOut: t?.tout ?? 0,
      cachedTokens: t?.cached ?? 0,
      newTokens: t?.fresh ?? 0,
      cacheHitRateSum: t?.rate ?? 0,
      byType: await group("r.type"),
      byModel: await group("r.model"),
    });
  });
}
