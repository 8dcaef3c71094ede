/**
 * The MCP server: `createServer(ctx)` wires the nine tools into the SDK's low-level Server (so we own
 * tools/list schemas and error texts), `runServer()` runs it on stdio until EOF or a signal and then
 * closes only the sessions this process started.
 */
import type { ChildProcess } from "node:child_process";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { isTrackerError } from "./errors.js";
import { closeOwnSessionsOnShutdown } from "./service/auto-close.js";
import { createTrackerContext, type TrackerContext } from "./service/context.js";
import { drainNotices } from "./service/notices.js";
import { TOOLS } from "./tools/index.js";
import { LineTransport } from "./transport/line-transport.js";
import { PACKAGE_VERSION } from "./version.js";

const log = (message: string) => process.stderr.write(`ai-session-tracker: ${message}\n`);

function listedSchema(schema: z.ZodObject) {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return { ...json, type: "object" as const };
}

/** Builds the MCP server over a tracker context. */
export function createServer(ctx: TrackerContext): Server {
  const server = new Server(
    { name: "ai-session-tracker", version: PACKAGE_VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        "Track every coding task: start_ai_session first, log_ai_interaction after significant exchanges, end_ai_session when done.",
    },
  );
  const tools = TOOLS.map((tool) => ({
    tool,
    listed: { name: tool.name, description: tool.description, inputSchema: listedSchema(tool.inputSchema) },
  }));
  const byName = new Map(tools.map((t) => [t.tool.name, t.tool]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((t) => t.listed) }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool: ${request.params.name}. Available tools: ${TOOLS.map((t) => t.name).join(", ")}`,
      );
    }
    let text: string;
    let data: Record<string, unknown> = {};
    let isError = false;
    try {
      const out = await tool.call(ctx, request.params.arguments);
      text = out.text;
      data = out.data ?? {};
    } catch (error) {
      isError = true;
      if (isTrackerError(error)) {
        text = error.message;
        data = { error_code: error.code };
      } else {
        log(
          `internal error in ${tool.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        text = `Internal error in ${tool.name}: ${error instanceof Error ? error.message : String(error)}. Nothing was recorded by this call; retry it, and report the problem if it persists.`;
        data = { error_code: "internal" };
      }
    }
    const notices = drainNotices(ctx);
    if (notices.length > 0) {
      text += `\n${notices.map((n) => `⚠️ ${n}`).join("\n")}\n`;
      data = { ...data, notices };
    }
    return {
      ...data,
      content: [{ type: "text", text }],
      structuredContent: data,
      ...(isError ? { isError } : {}),
    };
  });
  return server;
}

/**
 * Upstream's `server --dashboard-host H --dashboard-port P` also served the dashboard: start the portal
 * on this folder beside the MCP server (output to stderr, never stdout). Failure only costs the dashboard.
 */
async function startDashboard(
  where: { host: string; port: number },
  options: RunServerOptions,
): Promise<ChildProcess | undefined> {
  try {
    const { planDashboard, portalIsBuilt, startPortal } = await import("./dashboard/launch.js");
    const plan = await planDashboard({
      ...where,
      env: options.env ?? process.env,
      cwd: options.cwd ?? process.cwd(),
    });
    // Building takes minutes of CPU beside the agent's session: leave that to `dashboard`, which waits.
    if (!portalIsBuilt(plan.portal)) {
      log("dashboard not started: the portal is not built yet; run `ai-session-tracker dashboard` once.");
      return undefined;
    }
    log(`dashboard on ${plan.url} (login ${plan.login.email} / ${plan.login.password})`);
    return startPortal(plan, "stderr");
  } catch (error) {
    log(`dashboard not started: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export interface RunServerOptions {
  maxSessionDurationHours?: number;
  dashboard?: { host: string; port: number };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Runs the server on stdin/stdout until stdin closes or SIGTERM/SIGINT/SIGHUP arrives, then closes
 * this process's own active sessions (capped) and exits 0. Never exits because of a message.
 */
export async function runServer(options: RunServerOptions = {}): Promise<void> {
  const ctx = await createTrackerContext({
    executionContext: "foreground",
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.maxSessionDurationHours === undefined
      ? {}
      : { maxSessionDurationHours: options.maxSessionDurationHours }),
  });
  // Started beside the server, never before it: the agent's first call must not wait for the portal.
  let dashboard: Promise<ChildProcess | undefined> | undefined;
  const server = createServer(ctx);
  const transport = new LineTransport(process.stdin, process.stdout);
  server.onerror = (error) => log(`protocol error: ${error.message}`);

  let stopping: Promise<void> | undefined;
  const shutdown = (why: string) => {
    stopping ??= (async () => {
      (await dashboard)?.kill("SIGTERM");
      try {
        const closed = await closeOwnSessionsOnShutdown(ctx);
        if (closed.length > 0) log(`${why}: auto-closed ${closed.length} session(s): ${closed.join(", ")}`);
      } catch (error) {
        log(
          `${why}: could not close active sessions: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      process.exit(0);
    })();
    return stopping;
  };
  transport.onclose = () => void shutdown("stdin closed");
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(signal));
  process.on("uncaughtException", (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${String(reason)}`));

  await server.connect(transport);
  log(`recording to ${ctx.outputDir}`);
  if (options.dashboard) dashboard = startDashboard(options.dashboard, options);
}
