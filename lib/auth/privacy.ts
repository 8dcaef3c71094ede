/**
 * Member privacy: what a principal may see of the read model, as plain rules over the loaders' results.
 * `lib/server/read-model.ts` applies them to every read (the one place), so pages, `/api/v1` and CSV
 * exports obey the same rules.
 *
 * The rule. A principal with `data:team` (admin, lead) sees everything. A member (`own` = their developer
 * folders) sees:
 * - their own sessions in full (list, detail, interactions, issues): another developer's session is
 *   "not found", never "forbidden" (no existence leak);
 * - a filter on one developer only for their own folders (another one is `forbidden`);
 * - a figure or breakdown row only when it is their own (every developer it aggregates is one of their
 *   folders) or it aggregates at least `minGroupSize` developers OTHER than their own folders — so even
 *   after subtracting their own part, what is left is a group of at least that size. A row that fails
 *   the rule is withheld (dropped, and counted in a `withheld` summary with the reason
 *   "withheld (fewer than N people)"); a whole view (the filters' selection) that fails it is
 *   `forbidden` with that reason;
 * - lists that name people (per-developer rows, trends, gaps, adoption, friction, latest issues,
 *   sources, chargeback) only for their own folders: a developer row is one person.
 * The developers a row aggregates are those with a session in the view (lib/queries/group-developers.ts);
 * a row whose developers are unknown is withheld (fails closed).
 */
import { PortalError } from "@/lib/errors";
import type { DashboardFilters } from "@/lib/filters";
import type { GroupDevelopers, PrivacyGroup } from "@/lib/queries/group-developers";

/** What a principal may see: `own` = the folders seen in full (null = everything), and the group size. */
export interface DataAccess {
  own: readonly string[] | null;
  minGroupSize: number;
}

/** Why rows were withheld, for pages (a visible note) and the API (a `withheld` field). */
export interface WithheldSummary {
  /** How many rows were withheld. */
  rows: number;
  minGroupSize: number;
  /** "withheld (fewer than 3 people)". */
  reason: string;
}

/** The marker text shown for withheld data. */
export function withheldReason(minGroupSize: number): string {
  return `withheld (fewer than ${minGroupSize} people)`;
}

/** True when `developer` is one of the principal's own folders (everything, for a team role). */
export function isOwn(access: DataAccess, developer: string): boolean {
  return access.own === null || access.own.includes(developer);
}

/**
 * True when a row aggregating `developers` may be shown: a team role, a row of the principal's own
 * folders only, or one with at least `minGroupSize` other developers. `undefined` (unknown) is withheld.
 */
export function rowShown(access: DataAccess, developers: readonly string[] | undefined): boolean {
  if (access.own === null) return true;
  if (developers === undefined) return false;
  const own = access.own;
  const others = developers.filter((d) => !own.includes(d)).length;
  return others === 0 || others >= access.minGroupSize;
}

/** How a member's read of a scope goes: everything (team role), their own folder only, or the team view. */
export type ScopeMode = "all" | "own" | "team";

/**
 * The mode of a read of `filters` for `access`. Throws `forbidden` for a filter on another developer, and
 * for a team view whose selection fails {@link rowShown} (`developers` = who the selection aggregates).
 */
export function scopeMode(
  access: DataAccess,
  filters: DashboardFilters,
  developers: () => readonly string[],
): ScopeMode {
  if (access.own === null) return "all";
  if (filters.developer !== undefined) {
    if (isOwn(access, filters.developer)) return "own";
    throw new PortalError("forbidden", "Members see only their own developer folders' data");
  }
  if (!rowShown(access, developers())) {
    throw new PortalError(
      "forbidden",
      `This selection is ${withheldReason(access.minGroupSize)} besides you: its figures are withheld`,
    );
  }
  return "team";
}

/** The developers a row of `group` with `key` aggregates (a developer row is that one person). */
function developersOf(
  group: PrivacyGroup,
  key: string,
  groups: GroupDevelopers,
): readonly string[] | undefined {
  return group === "developer" ? [key] : groups.get(key);
}

/**
 * `rows` of a breakdown by `group` without the withheld ones, and the summary (null when none was).
 * `groups` = the developers per key of the same view.
 */
export function withholdRows<R extends { key: string }>(
  access: DataAccess,
  group: PrivacyGroup,
  rows: readonly R[],
  groups: GroupDevelopers,
): { rows: R[]; withheld: WithheldSummary | null } {
  if (access.own === null) return { rows: [...rows], withheld: null };
  const shown = rows.filter((r) => rowShown(access, developersOf(group, r.key, groups)));
  return { rows: shown, withheld: summaryOf(access, rows.length - shown.length) };
}

/** Only the entries of `list` whose developer is one of the principal's own folders. */
export function ownOnly<T>(access: DataAccess, list: readonly T[], developerOf: (t: T) => string): T[] {
  return list.filter((t) => isOwn(access, developerOf(t)));
}

/** {@link WithheldSummary} of `n` withheld rows (null for none). */
function summaryOf(access: DataAccess, n: number): WithheldSummary | null {
  return n === 0
    ? null
    : { rows: n, minGroupSize: access.minGroupSize, reason: withheldReason(access.minGroupSize) };
}

/**
 * A trend's points as the principal may see them: a time bucket is a row too, shown when its developers
 * (`developers[i]`, who had a session in it) pass {@link rowShown}; a withheld one keeps its place on the
 * axis with `blank(p)`'s figures and `withheld: true`.
 */
export function withholdBuckets<P>(
  access: DataAccess,
  points: readonly P[],
  developers: readonly (readonly string[])[],
  blank: (p: P) => P,
): { points: (P & { withheld: boolean })[]; withheld: WithheldSummary | null } {
  let n = 0;
  const out = points.map((p, i) => {
    if (rowShown(access, developers[i])) return { ...p, withheld: false };
    n += 1;
    return { ...blank(p), withheld: true };
  });
  return { points: out, withheld: summaryOf(access, n) };
}
