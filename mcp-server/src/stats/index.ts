/**
 * Pure formulas of the upstream tracker (spec §3) plus the portal's extensions, and Python-compatible
 * rounding/formatting. No I/O, no clock: callers pass data (and `now` where time matters).
 */
export * from "./assumptions.js";
export * from "./code-metrics-summary.js";
export * from "./effectiveness.js";
export * from "./estimation-accuracy.js";
export * from "./from-aggregates.js";
export * from "./gaps.js";
export * from "./in-day-friction.js";
export * from "./issues.js";
export * from "./outcome-roi.js";
export * from "./pricing.js";
export * from "./pricing-defaults.js";
export * from "./python-repr.js";
export * from "./request-stats.js";
export * from "./roi.js";
export * from "./roi-method.js";
export * from "./rounding.js";
export * from "./session-time.js";
export * from "./summary-report.js";
export * from "./token-stats.js";
