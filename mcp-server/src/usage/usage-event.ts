/** One model request's token counts, as both agents' line readers hand it to the accumulator. */
import type { TokenCounts } from "../contract/usage-schema.js";

/** A counted model request (numbers and names only). */
export interface UsageEvent {
  conversationId: string;
  /** Base name of the conversation's working folder. */
  project: string;
  agentVersion: string | null;
  model: string;
  /** ISO-8601 UTC (normalised with `toISOString`). */
  timestamp: string;
  counts: TokenCounts;
}

/** A non-negative integer from a log value (anything else counts 0: a log never makes a count negative). */
export function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** `value` as an ISO-8601 UTC time, or null when it is not a time. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The field `key` of `value` when `value` is an object, else undefined. */
export function rawField(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A plain object field of `value`, or undefined. */
export function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  const field = rawField(value, key);
  return typeof field === "object" && field !== null && !Array.isArray(field)
    ? (field as Record<string, unknown>)
    : undefined;
}

/** A string field of `value`, or null. */
export function stringField(value: unknown, key: string): string | null {
  const field = rawField(value, key);
  return typeof field === "string" && field !== "" ? field : null;
}
