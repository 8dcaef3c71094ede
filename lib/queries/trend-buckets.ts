/**
 * Trend buckets: the bucket size a range's length calls for, bucket boundaries (UTC) in JS and SQL, and
 * how much of each bucket the range actually covers (a partial first or last bucket plots as a collapse
 * unless it is marked).
 *
 * Size by the length of the span plotted (the range clamped to the data and the request time):
 * up to 31 days → days, up to 183 days (~6 months) → weeks (Monday 00:00 UTC), beyond → calendar months.
 */
import type { SqlDialect } from "@/lib/db/dialect";
import type { TimeWindow } from "@/lib/filters";
import { weekStartOf, weekStartSql } from "./scope";

/** A trend bucket size. */
export type TrendBucket = "day" | "week" | "month";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Longest span (days) plotted with each smaller bucket: day ≤ 31 < week ≤ 183 < month. */
export const BUCKET_MAX_SPAN_DAYS = { day: 31, week: 183 } as const;

/**
 * Most buckets one series has, per size: 50 years of weeks or months (more than the ingest's bounds let
 * real data span) and a year of days (day buckets are only chosen for spans of a month).
 */
export const MAX_BUCKETS: Record<TrendBucket, number> = { day: 366, week: 2_609, month: 600 };

/** The bucket size for a span of `lengthMs`. */
export function bucketForSpan(lengthMs: number): TrendBucket {
  if (lengthMs <= BUCKET_MAX_SPAN_DAYS.day * DAY_MS) return "day";
  if (lengthMs <= BUCKET_MAX_SPAN_DAYS.week * DAY_MS) return "week";
  return "month";
}

/** Start (epoch ms, UTC) of the bucket holding `ms`. */
export function bucketStartOf(ms: number, bucket: TrendBucket): number {
  if (bucket === "day") return Math.floor(ms / DAY_MS) * DAY_MS;
  if (bucket === "week") return weekStartOf(ms);
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, bucket: TrendBucket): number {
  if (bucket === "day") return start + DAY_MS;
  if (bucket === "week") return start + WEEK_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** SQL expression: start (epoch ms) of the bucket holding epoch-ms column `col`. */
export function bucketStartSql(col: string, bucket: TrendBucket, sql: SqlDialect): string {
  if (bucket === "day") return `(((${col}) / ${DAY_MS}) * ${DAY_MS})`;
  if (bucket === "week") return weekStartSql(col);
  return sql.utcMonthStartMs(col);
}

/** Starts of the buckets overlapping `[fromMs, toMs)`, the latest {@link MAX_BUCKETS} of them. */
export function bucketsBetween(fromMs: number, toMs: number, bucket: TrendBucket): number[] {
  const out: number[] = [];
  let first = bucketStartOf(fromMs, bucket);
  // Fixed-length buckets: start no earlier than the cap allows (never loop over centuries to drop them).
  const len = bucket === "day" ? DAY_MS : bucket === "week" ? WEEK_MS : 0;
  if (len) first = Math.max(first, bucketStartOf(toMs - 1, bucket) - (MAX_BUCKETS[bucket] - 1) * len);
  for (let b = first; b < toMs; b = nextBucketStart(b, bucket)) out.push(b);
  return out.slice(-MAX_BUCKETS[bucket]);
}

/** Share (0–1) of the bucket starting at `start` that `covered` spans. */
export function bucketCoverage(start: number, bucket: TrendBucket, covered: TimeWindow): number {
  const end = nextBucketStart(start, bucket);
  const overlap = Math.min(end, covered.toMs) - Math.max(start, covered.fromMs);
  return Math.max(0, Math.min(1, overlap / (end - start)));
}
