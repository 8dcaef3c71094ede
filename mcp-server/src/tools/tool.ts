import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { TrackerError } from "../errors.js";
import type { TrackerContext } from "../service/context.js";
import { describeIssues } from "../service/inputs.js";

/** What a tool returns: upstream's text plus the extra fields (sent flat, as upstream, and as structuredContent). */
export interface ToolOutput {
  text: string;
  data?: Record<string, unknown>;
}

/**
 * MCP tool annotations (spec "Tool annotations"): hints for the client, e.g. whether to ask the user before a
 * call. Every tool states them, since the spec's defaults assume the worst (not read-only, destructive,
 * open world). The tracker only touches its own output folder, so every tool is closed-world.
 */
export const READ_ONLY: ToolAnnotations = Object.freeze({ readOnlyHint: true, openWorldHint: false });
/** A write that only adds records (a new interaction, issue, request or metrics entry); repeating it adds another. */
export const APPENDS: ToolAnnotations = Object.freeze({
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
});
/** A write that changes records already there (ending or auto-closing a session); repeating it changes them again. */
export const UPDATES: ToolAnnotations = Object.freeze({
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: false,
});

/**
 * A tool as written in its file: upstream's frozen name and description, a zod schema, a typed handler.
 * Every file in tools/ has the same `defineTool({ name, description, inputSchema, annotations, run })`
 * skeleton: one tool per file (the conventions' rule), so that likeness is deliberate.
 */
export interface ToolSpec<S extends z.ZodObject> {
  name: string;
  description: string;
  inputSchema: S;
  /** Behaviour hints listed with the tool (not part of upstream's frozen surface). */
  annotations: ToolAnnotations;
  run(ctx: TrackerContext, input: z.output<S>): Promise<ToolOutput>;
}

/** A tool as the server sees it: arguments arrive untyped and are validated by the tool's own schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: z.ZodObject;
  annotations: ToolAnnotations;
  call(ctx: TrackerContext, args: unknown): Promise<ToolOutput>;
}

/**
 * Wraps a tool so that invalid arguments become a TrackerError naming each bad field — the caller
 * (a model) gets told what to fix instead of a stack trace.
 */
export function defineTool<S extends z.ZodObject>(spec: ToolSpec<S>): ToolDefinition {
  return {
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema,
    annotations: spec.annotations,
    async call(ctx, args) {
      if (args !== undefined && args !== null && (typeof args !== "object" || Array.isArray(args))) {
        throw new TrackerError(
          "invalid_input",
          `Invalid arguments for ${spec.name}: arguments must be a JSON object`,
        );
      }
      const parsed = spec.inputSchema.safeParse(args ?? {});
      if (!parsed.success) {
        throw new TrackerError(
          "invalid_input",
          `Invalid arguments for ${spec.name}: ${describeIssues(parsed.error)}`,
        );
      }
      return spec.run(ctx, parsed.data);
    },
  };
}
