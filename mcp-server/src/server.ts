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
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { isTrackerError } from "./errors.js";
import { afterSessionEnd, settleBackground } from "./git/session-git.js";
import { closeOwnSessionsOnShutdown } from "./service/auto-close.js";
import { CallCancelled, cancellableContext } from "./service/cancellation.js";
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

/**
 * A JSON-RPC error for the SDK to send as is. (`McpError` puts "MCP error <code>: " into its message,
 * and the SDK client adds that prefix again on its side.)
 */
function protocolError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /**
   * Receives every running tool call (its store write included) until it settles, so a shutdown can
   * wait for calls whose answer will never be sent (a client's `notifications/cancelled`).
   */
  running?: Set<Promise<unknown>>;
}

/** Builds the MCP server over a tracker context. */
export function createServer(ctx: TrackerContext, options: CreateServerOptions = {}): Server {
  const { running } = options;
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
    listed: {
      name: tool.name,
      description: tool.description,
      inputSchema: listedSchema(tool.inputSchema),
      annotations: tool.annotations,
    },
  }));
  const byName = new Map(tools.map((t) => [t.tool.name, t.tool]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((t) => t.listed) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      throw protocolError(
        ErrorCode.InvalidParams,
        `Unknown tool: ${request.params.name}. Available tools: ${TOOLS.map((t) => t.name).join(", ")}`,
      );
    }
    let text: string;
    let data: Record<string, unknown> = {};
    let isError = false;
    try {
      const call = tool.call(cancellableContext(ctx, extra.signal), request.params.arguments);
      running?.add(call);
      const out = await call.finally(() => running?.delete(call));
      text = out.text;
      data = out.data ?? {};
    } catch (error) {
      isError = true;
      if (isTrackerError(error)) {
        text = error.message;
        data = { error_code: error.code };
      } else if (error instanceof CallCancelled) {
        // The SDK sends no answer to a cancelled request; the client learns nothing more from this text.
        log(
          `${tool.name} (request ${String(extra.requestId)}) cancelled by the client before it was recorded`,
        );
        text = error.message;
        data = { error_code: "cancelled" };
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

/**
 * How long end of input waits for the calls already read. A call waits at most the store's lock
 * timeout (10 s) plus its write, so this only cuts off a call that hangs for another reason.
 */
const INPUT_END_DRAIN_MS = 30_000;
/** How long a stop signal waits for running calls (supervisors send SIGKILL after ~10 s, the SDK client after 2 s). */
const SIGNAL_DRAIN_MS = 5_000;

/**
 * Waits until every request read has been answered and every tool call has settled, or until the
 * bound passes (which `shorten` may bring forward). Resolves with whether everything finished.
 */
function drainCalls(transport: LineTransport, running: Set<Promise<unknown>>, boundMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let deadline = Date.now() + boundMs;
  let timedOut: (() => void) | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => timedOut?.(), Math.max(0, deadline - Date.now()));
  };
  const idle = (async () => {
    // A request read but not yet handed to its handler is not in `running` yet: loop until both are empty.
    while (transport.pendingRequests > 0 || running.size > 0) {
      await transport.whenAnswered();
      await Promise.allSettled([...running]);
    }
    return true;
  })();
  const done = Promise.race([idle, new Promise<boolean>((resolve) => (timedOut = () => resolve(false)))]);
  arm();
  void done.finally(() => clearTimeout(timer));
  return {
    done,
    /** Brings the deadline forward to `ms` from now; false when it is already sooner. */
    shorten(ms: number): boolean {
      if (Date.now() + ms >= deadline) return false;
      deadline = Date.now() + ms;
      arm();
      return true;
    },
  };
}

/** Resolves when what was written to stdout so far has been handed to the OS (at most `ms` later). */
function stdoutFlushed(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    process.stdout.write("", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface RunServerOptions {
  maxSessionDurationHours?: number;
  dashboard?: { host: string; port: number };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * The tracker context for the server, or — for a setting or data folder it cannot work with — one line
 * on stderr saying what to fix, and exit code 2 (a bad setting) or 1 (the folder). The IDE shows that
 * line in its MCP log; a stack trace there would bury it.
 */
async function openContext(options: RunServerOptions): Promise<TrackerContext> {
  try {
    return await createTrackerContext({
      executionContext: "foreground",
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.maxSessionDurationHours === undefined
        ? {}
        : { maxSessionDurationHours: options.maxSessionDurationHours }),
    });
  } catch (error) {
    if (isTrackerError(error, "invalid_input")) {
      log(`cannot start: ${error.message}`);
      process.exit(2);
    }
    if (isTrackerError(error)) {
      // Every io error names the path it failed on; the folder is where AI_OUTPUT_DIR (or its default) led.
      const hint = error.code === "io" ? ". Set AI_OUTPUT_DIR to a folder you can write to." : "";
      log(`cannot record: ${oneLine(error.message)}${hint}`);
      process.exit(1);
    }
    throw error;
  }
}

/** `text` without line breaks or a trailing period, for a one-line message. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\.$/, "");
}

/**
 * Runs the server on stdin/stdout until stdin closes or SIGTERM/SIGINT/SIGHUP arrives, then lets the
 * calls already read finish (each answered on stdout, its record written; bounded: 30 s after end of
 * input, 5 s after a signal), closes this process's own active sessions (capped) and exits 0.
 * Never exits because of a message.
 */
export async function runServer(options: RunServerOptions = {}): Promise<void> {
  const ctx = await openContext(options);
  // Started beside the server, never before it: the agent's first call must not wait for the portal.
  let dashboard: Promise<ChildProcess | undefined> | undefined;
  const running = new Set<Promise<unknown>>();
  const server = createServer(ctx, { running });
  const transport = new LineTransport(process.stdin, process.stdout);
  server.onerror = (error) => log(`protocol error: ${error.message}`);

  let stopping: Promise<void> | undefined;
  let drain: ReturnType<typeof drainCalls> | undefined;
  // Why the drain ends when it times out: the first cause, or a signal that brought the deadline forward.
  let cause = { why: "", boundMs: 0 };
  const shutdown = (why: string, boundMs: number) => {
    if (drain?.shorten(boundMs)) cause = { why, boundMs };
    stopping ??= (async () => {
      cause = { why, boundMs };
      transport.stopReading();
      drain = drainCalls(transport, running, boundMs);
      const stopDashboard = dashboard?.then((child) => child?.kill("SIGTERM"));
      if (!(await drain.done)) {
        const left = Math.max(transport.pendingRequests, running.size);
        log(
          `${cause.why}: ${left} call(s) still running after ${cause.boundMs} ms; exiting without their answers`,
        );
      }
      await stopDashboard;
      try {
        const closed = await closeOwnSessionsOnShutdown(ctx);
        if (closed.length > 0) log(`${why}: auto-closed ${closed.length} session(s): ${closed.join(", ")}`);
        for (const id of closed) afterSessionEnd(ctx, id);
      } catch (error) {
        log(
          `${why}: could not close active sessions: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      // Git capture runs after the replies; its records are written before we exit (bounded like the calls).
      if (!(await settleBackground(ctx, Math.min(boundMs, SIGNAL_DRAIN_MS))))
        log(`${why}: git capture still running after ${Math.min(boundMs, SIGNAL_DRAIN_MS)} ms; not recorded`);
      await stdoutFlushed(1_000);
      process.exit(0);
    })();
    return stopping;
  };
  transport.oninputend = () => void shutdown("stdin closed", INPUT_END_DRAIN_MS);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(signal, SIGNAL_DRAIN_MS));
  process.on("uncaughtException", (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${String(reason)}`));

  await server.connect(transport);
  log(`recording to ${ctx.outputDir}`);
  if (options.dashboard) dashboard = startDashboard(options.dashboard, options);
}
