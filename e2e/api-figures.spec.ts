/**
 * Regression guard of the JSON API's figures, in the style of the overview journey's /api/v1/summary check:
 * each answer is compared, as JSON text (byte for byte: values, rounding and key order), with an oracle
 * computed independently of the portal — upstream's formulas over the regenerated fixture truth, and the
 * fixture's files read from disk. A figure that moves, a field that is renamed or reordered, fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Session } from "ai-session-tracker-mcp/contract";
import {
  calculateAverageEffectiveness,
  calculateEffectivenessDistribution,
  calculateOutcomeWeightedRoi,
  calculateRoiMetrics,
  calculateSessionGaps,
  computeTokenStats,
  estimateMinutes,
  sessionDurationMinutes,
} from "ai-session-tracker-mcp/stats";
import { classifyFileName } from "../lib/ingest/file-names";
import { parseFileBytes } from "../lib/ingest/parse";
import { fixtureTruth, sessionCount } from "./expected-figures";
import { FIXTURE_NOW, FIXTURE_ROOT } from "./fixture-folder";
import { expect, authTest as test } from "./fixtures";

const truth = fixtureTruth();
const bytes = (v: unknown) => JSON.stringify(v, null, 1);

test.describe("API figures", () => {
  test("/api/v1/developers answers each developer's upstream figures", async ({ page }) => {
    const res = await page.request.get("/api/v1/developers?range=all");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { developers: Record<string, unknown>[] };
    const actual = body.developers.map((d) => ({
      developer: d.developer,
      sessions: d.sessions,
      completed_all: d.completed_all,
      roi: d.roi,
      outcome_roi: d.outcome_roi,
      gaps: pick(d.gaps, ["total_gaps", "average_gap_minutes", "by_classification", "by_developer"]),
      effectiveness: d.effectiveness,
      tokens: d.tokens,
    }));
    const expected = [...truth]
      .sort((a, b) => a.dev.localeCompare(b.dev))
      .map((d) => {
        const gaps = calculateSessionGaps(d.sessions);
        return {
          developer: d.dev,
          sessions: d.sessions.length,
          completed_all: d.sessions.filter((s) => s.status === "completed").length,
          roi: calculateRoiMetrics(d.sessions, d.interactions),
          outcome_roi: calculateOutcomeWeightedRoi(d.sessions),
          gaps: {
            total_gaps: gaps.summary.total_gaps,
            average_gap_minutes: gaps.summary.average_gap_minutes,
            by_classification: gaps.summary.by_classification,
            by_developer: [{ developer: d.dev, ...gapFigures(d.sessions) }],
          },
          effectiveness: {
            distribution: calculateEffectivenessDistribution(d.interactions),
            average: calculateAverageEffectiveness(d.interactions),
            count: d.interactions.length,
          },
          tokens: computeTokenStats(d.interactions),
        };
      });
    expect(actual).toHaveLength(truth.length);
    expect(bytes(actual)).toBe(bytes(expected));
  });

  test("/api/v1/sessions answers every session's figures", async ({ page }) => {
    const rows: Record<string, unknown>[] = [];
    let total = -1;
    for (let p = 1; total < 0 || rows.length < total; p++) {
      const res = await page.request.get(`/api/v1/sessions?range=all&pageSize=200&page=${p}`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { rows: Record<string, unknown>[]; total: number };
      total = body.total;
      if (body.rows.length === 0) break;
      rows.push(...body.rows);
    }
    expect(total).toBe(sessionCount(truth));
    const key = (r: { developer: unknown; session_id: unknown }) => `${r.developer}\u0000${r.session_id}`;
    const byKey = (a: { developer: unknown; session_id: unknown }, b: typeof a) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    const actual = rows
      .map((r) => ({
        developer: r.developer,
        session_id: r.session_id,
        session_name: r.session_name,
        task_type: r.task_type,
        model: r.model,
        status: r.status,
        outcome: r.outcome,
        start_time: r.start_time,
        duration_minutes: r.duration_minutes,
        estimate_minutes: r.estimate_minutes,
        interactions: r.interactions,
        avg_effectiveness: r.avg_effectiveness,
      }))
      .sort(byKey);
    const expected = truth
      .flatMap((d) =>
        d.sessions.map((s) => ({
          developer: d.dev,
          session_id: s.id,
          session_name: s.session_name,
          task_type: s.task_type,
          model: s.model_name,
          status: s.status,
          outcome: s.outcome,
          start_time: s.start_time,
          duration_minutes: sessionDurationMinutes(s),
          estimate_minutes: estimateMinutes(s),
          interactions: s.total_interactions,
          avg_effectiveness: s.avg_effectiveness,
        })),
      )
      .sort(byKey);
    expect(bytes(actual)).toBe(bytes(expected));
  });

  test("/api/v1/sources answers each folder's files, counts and errors as the files on disk say", async ({
    page,
  }) => {
    const res = await page.request.get("/api/v1/sources");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { sources: SourceBody[] };
    const onDisk = sourcesOnDisk();
    // Not vacuous: the fixture has folders, and at least one broken file the answer must name.
    expect(onDisk.size).toBeGreaterThan(1);
    expect([...onDisk.values()].some((s) => s.errors.length > 0)).toBe(true);
    const actual = body.sources
      .filter((s) => onDisk.has(s.rel_path))
      .map((s) => ({
        rel_path: s.rel_path,
        counts: s.counts,
        files: s.files.map((f) => ({
          name: f.name,
          kind: f.kind,
          status: f.status,
          last_error: f.last_error,
          size_bytes: f.size_bytes,
          records: f.records,
          skipped: f.skipped,
        })),
        errors: s.errors.map((e) => ({ name: e.name, error: e.error })),
        stale: s.stale,
      }));
    expect(actual.map((s) => s.rel_path).sort()).toEqual([...onDisk.keys()].sort());
    const expected = actual.map((s) => onDisk.get(s.rel_path));
    expect(bytes(actual)).toBe(bytes(expected));
  });
});

/** The named fields of an API object, in the order named. */
function pick(v: unknown, keys: readonly string[]): Record<string, unknown> {
  const o = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** The per-developer gap figures of upstream's gap analysis. */
function gapFigures(sessions: Session[]) {
  const g = calculateSessionGaps(sessions);
  return {
    total_gaps: g.summary.total_gaps,
    average_gap_minutes: g.summary.average_gap_minutes,
    friction_indicators: g.friction_indicators,
  };
}

interface SourceBody {
  rel_path: string;
  counts: Record<string, number>;
  files: {
    name: string;
    kind: string;
    status: string;
    last_error: string | null;
    size_bytes: number;
    records: number;
    skipped: number;
  }[];
  errors: { name: string; error: string }[];
  stale: boolean;
}

/** What each fixture folder holding tracker files should report, read from disk with the file parser. */
function sourcesOnDisk(): Map<
  string,
  Omit<SourceBody, "errors"> & { errors: { name: string; error: string }[] }
> {
  const nowMs = Date.parse(FIXTURE_NOW);
  const out = new Map<string, Omit<SourceBody, "errors"> & { errors: { name: string; error: string }[] }>();
  const mtimes = new Map<string, number[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        walk(p);
        continue;
      }
      const c = classifyFileName(name);
      if (!c) continue;
      const relPath = path.relative(FIXTURE_ROOT, dir).split(path.sep).join("/");
      const src = out.get(relPath) ?? {
        rel_path: relPath,
        counts: { sessions: 0, interactions: 0, issues: 0, requests: 0, skipped: 0 },
        files: [],
        errors: [],
        stale: false,
      };
      const r = parseFileBytes(c.kind, readFileSync(p), nowMs);
      const records = r.ok ? r.contribution.records.length : 0;
      const skipped = r.ok ? r.skipped.length : 0;
      src.files.push({
        name,
        kind: c.kind,
        status: r.ok ? "ok" : "error",
        last_error: r.ok ? null : r.error,
        size_bytes: st.size,
        records,
        skipped,
      });
      if (!r.ok) src.errors.push({ name, error: r.error });
      src.counts[c.kind] = (src.counts[c.kind] ?? 0) + records;
      src.counts.skipped = (src.counts.skipped ?? 0) + skipped;
      out.set(relPath, src);
      mtimes.set(relPath, [...(mtimes.get(relPath) ?? []), st.mtimeMs]);
    }
  };
  walk(FIXTURE_ROOT);
  for (const src of out.values()) {
    src.files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Stale: no file changed within the setting's default 7 days before the server's `now`.
    src.stale = Math.max(...(mtimes.get(src.rel_path) ?? [0])) < nowMs - 7 * 86_400_000;
  }
  return out;
}
