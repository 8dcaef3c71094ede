/**
 * The data contract of the upstream tracker's four JSON files: zod schemas of every historic record
 * shape (spec §2.3, §2.7), the normalised model, file parsers and timestamp parsing.
 */
export * from "./code-metrics-schema.js";
export * from "./coerce.js";
export * from "./enums.js";
export * from "./git-schema.js";
export * from "./interaction-schema.js";
export * from "./issue-schema.js";
export type { OpenEnum } from "./open-enum.js";
export * from "./parse-files.js";
export * from "./request-schema.js";
export * from "./session-schema.js";
export * from "./timestamps.js";
export * from "./token-stats-schema.js";
export * from "./usage-schema.js";
