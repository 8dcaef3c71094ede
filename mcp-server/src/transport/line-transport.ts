/**
 * Newline-delimited JSON-RPC over a pair of streams (stdio), hardened against bad input.
 *
 * The SDK's StdioServerTransport drops a line it cannot parse without replying, and closes itself
 * when a line exceeds its buffer. Upstream died on non-object lines and on `params: null`. Here every
 * bad line gets a JSON-RPC error reply (-32700 parse error, -32600 invalid request, -32602 with a
 * sentence for unusable params of the requests the SDK would answer with a zod dump) and the next line
 * is read normally; an oversized line is discarded up to its newline.
 *
 * End of input does not end the calls already read: the transport counts the requests it passed on
 * and not yet answered, a last line without a newline is still handled, and `close()` (which makes the
 * SDK abort running handlers and drop their answers) is left to whoever decides the drain is over.
 */
import type { Readable, Writable } from "node:stream";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  InitializeRequestSchema,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";

/** Lines longer than this are refused (tool arguments are small; 10 MiB like the SDK). */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

type ErrorReply = { jsonrpc: "2.0"; id: string | number | null; error: { code: number; message: string } };

function idOf(value: unknown): string | number | null {
  if (value && typeof value === "object" && !Array.isArray(value) && "id" in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return null;
}

/**
 * `params: null` and `arguments: null` are what some clients send for "none" (upstream died on the
 * first); treat both as absent so the call is answered on its merits instead of rejected wholesale.
 */
function withoutNulls(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value) || !("params" in value)) return value;
  const { params, ...rest } = value as Record<string, unknown>;
  if (params === null) return rest;
  if (params && typeof params === "object" && !Array.isArray(params) && "arguments" in params) {
    const { arguments: args, ...otherParams } = params as Record<string, unknown>;
    if (args === null) return { ...rest, params: otherParams };
  }
  return value;
}

/** The SDK answers a tools/call without a usable `params` with an internal error and a zod dump; say what is wrong instead. */
function toolCallProblem(message: JSONRPCMessage): string | null {
  if (!("method" in message) || message.method !== "tools/call") return null;
  const params: unknown = message.params;
  if (!params || typeof params !== "object" || Array.isArray(params)) {
    return 'Invalid params: tools/call needs params {"name": <tool name>, "arguments": {...}}';
  }
  const { name, arguments: args } = params as Record<string, unknown>;
  if (typeof name !== "string" || name === "")
    return "Invalid params: tools/call needs a tool name in params.name";
  if (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args))) {
    return "Invalid params: params.arguments must be a JSON object";
  }
  return null;
}

/**
 * The requests whose params the SDK validates inside its handler, answering a mismatch with -32603 and
 * the zod issues as raw JSON. Checked here first so the client gets -32602 and a sentence.
 */
const PARAMS_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ["initialize", InitializeRequestSchema],
  ["tools/list", ListToolsRequestSchema],
  ["ping", PingRequestSchema],
]);

interface ParamsIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  expected?: unknown;
}

const withArticle = (what: string) => (/^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`);

/** One issue as a clause: `params.x is required (a string)`, `params.x must be a string`, or zod's text. */
function describeParamsIssue(issue: ParamsIssue, request: unknown): string {
  const where = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && typeof issue.expected === "string") {
    let value: unknown = request;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    return value === undefined
      ? `${where} is required (${withArticle(issue.expected)})`
      : `${where} must be ${withArticle(issue.expected)}`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Why the params of an initialize/tools/list/ping request are unusable, or null when they are fine. */
function paramsProblem(message: JSONRPCMessage): string | null {
  if (!("method" in message) || !("id" in message)) return null;
  const schema = PARAMS_SCHEMAS.get(message.method);
  if (!schema) return null;
  const request = { method: message.method, params: message.params };
  const parsed = schema.safeParse(request);
  if (parsed.success || !parsed.error) return null;
  const clauses = parsed.error.issues.map((issue) => describeParamsIssue(issue, request));
  return `Invalid params for ${message.method}: ${clauses.join("; ")}`;
}

/**
 * A request whose `params` is there but not an object (an array, a string…): JSON-RPC allows by-position
 * params, MCP does not. Answered -32602 here; the SDK's message schema would call it an invalid request.
 */
function nonObjectParams(value: unknown): { id: string | number; method: string } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { id, method, params } = value as Record<string, unknown>;
  if (typeof method !== "string" || (typeof id !== "string" && typeof id !== "number")) return null;
  if (params === undefined || params === null) return null;
  return typeof params === "object" && !Array.isArray(params) ? null : { id, method };
}

type RequestId = string | number;

/** The id of a request (a message with a method and an id); undefined for notifications and responses. */
function requestIdOf(message: JSONRPCMessage): RequestId | undefined {
  return "method" in message && "id" in message ? message.id : undefined;
}

/** The id a response answers; undefined for requests and notifications. */
function answeredIdOf(message: JSONRPCMessage): RequestId | undefined {
  return "method" in message || !("id" in message) ? undefined : message.id;
}

/** The request a `notifications/cancelled` withdraws: the SDK never answers it. */
function cancelledIdOf(message: JSONRPCMessage): RequestId | undefined {
  if (!("method" in message) || message.method !== "notifications/cancelled" || "id" in message)
    return undefined;
  const id: unknown = message.params?.requestId;
  return typeof id === "string" || typeof id === "number" ? id : undefined;
}

/** JSON-RPC transport over newline-delimited streams; see the module header. */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /**
   * Called once when the input ends (after its last line was handled). Requests already read may still
   * be running: call `close()` after {@link whenAnswered}. Unset, the transport does exactly that itself.
   */
  oninputend?: () => void;

  private chunks: Buffer[] = [];
  private buffered = 0;
  private discarding = false;
  private closed = false;
  private reading = false;
  /** Requests passed on and not yet answered, by id, counted (a client may reuse an id). */
  private readonly unanswered = new Map<RequestId, number>();
  private answeredWaiters: Array<() => void> = [];

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
  ) {}

  async start(): Promise<void> {
    this.reading = true;
    this.input.on("data", this.onData);
    this.input.on("end", this.onEnd);
    this.input.on("error", this.onStreamError);
  }

  /** Requests read and not answered yet. */
  get pendingRequests(): number {
    let n = 0;
    for (const count of this.unanswered.values()) n += count;
    return n;
  }

  /** Resolves once every request read so far has been answered (at once when none is pending). */
  whenAnswered(): Promise<void> {
    if (this.unanswered.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.answeredWaiters.push(resolve));
  }

  /** Stops taking input (a stop signal arrived): lines not yet read are never handled. */
  stopReading(): void {
    if (!this.reading) return;
    this.reading = false;
    this.input.off("data", this.onData);
    this.input.off("end", this.onEnd);
    this.input.pause();
  }

  private countRequest(id: RequestId) {
    this.unanswered.set(id, (this.unanswered.get(id) ?? 0) + 1);
  }

  private settleRequest(id: RequestId) {
    const count = this.unanswered.get(id);
    if (count === undefined) return;
    if (count > 1) this.unanswered.set(id, count - 1);
    else this.unanswered.delete(id);
    if (this.unanswered.size === 0) for (const wake of this.answeredWaiters.splice(0)) wake();
  }

  private readonly onData = (chunk: Buffer | string) => {
    let data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10)) {
      this.pushLine(data.subarray(0, nl));
      data = data.subarray(nl + 1);
    }
    if (data.length === 0) return;
    if (this.discarding) return;
    this.buffered += data.length;
    if (this.buffered > MAX_LINE_BYTES) {
      this.reset();
      this.discarding = true;
      this.reply({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32600, message: `Message too large (over ${MAX_LINE_BYTES} bytes)` },
      });
      return;
    }
    this.chunks.push(data);
  };

  private pushLine(tail: Buffer) {
    if (this.discarding) {
      this.discarding = false;
      this.reset();
      return;
    }
    const line = Buffer.concat([...this.chunks, tail])
      .toString("utf8")
      .replace(/\r$/, "");
    this.reset();
    if (line.trim() !== "") this.handleLine(line);
  }

  /** The input ended: a last line without a newline is a line too (a client that closes without one). */
  private flushLastLine() {
    if (this.discarding || this.buffered === 0) return;
    const line = Buffer.concat(this.chunks).toString("utf8");
    this.reset();
    if (line.trim() !== "" && !this.handleLine(line)) {
      this.onerror?.(
        new Error("the last line of input had no newline and is not valid JSON; it was ignored"),
      );
    }
  }

  private reset() {
    this.chunks = [];
    this.buffered = 0;
  }

  /** Handles one line; false when it is not JSON at all. */
  private handleLine(line: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      this.reply({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: `Parse error: ${(e as Error).message}` },
      });
      return false;
    }
    const notObject = nonObjectParams(value);
    if (notObject) {
      this.reply({
        jsonrpc: "2.0",
        id: notObject.id,
        error: {
          code: -32602,
          message: `Invalid params for ${notObject.method}: params must be a JSON object`,
        },
      });
      return true;
    }
    const parsed = JSONRPCMessageSchema.safeParse(withoutNulls(value));
    if (!parsed.success) {
      const what = Array.isArray(value) ? "a batch (array)" : value === null ? "null" : typeof value;
      const message =
        value && typeof value === "object" && !Array.isArray(value)
          ? "Invalid Request: expected a JSON-RPC 2.0 request, notification or response object"
          : `Invalid Request: each line must be one JSON-RPC object, got ${what}`;
      const id = idOf(value);
      // JSON-RPC: never answer what looks like a notification (an object without an id).
      if (
        id !== null ||
        typeof value !== "object" ||
        value === null ||
        Array.isArray(value) ||
        !("method" in value)
      ) {
        this.reply({ jsonrpc: "2.0", id, error: { code: -32600, message } });
      }
      return true;
    }
    const message = parsed.data;
    const problem = toolCallProblem(message) ?? paramsProblem(message);
    if (problem !== null && "id" in message) {
      this.reply({ jsonrpc: "2.0", id: message.id ?? null, error: { code: -32602, message: problem } });
      return true;
    }
    const requestId = requestIdOf(message);
    if (requestId !== undefined) this.countRequest(requestId);
    const cancelled = cancelledIdOf(message);
    if (cancelled !== undefined) this.settleRequest(cancelled);
    this.onmessage?.(message);
    return true;
  }

  private readonly onEnd = () => {
    this.flushLastLine();
    this.stopReading();
    if (this.oninputend) this.oninputend();
    else void this.whenAnswered().then(() => this.close());
  };

  private readonly onStreamError = (error: Error) => {
    this.onerror?.(error);
  };

  private reply(message: ErrorReply) {
    if (this.closed) return;
    this.output.write(`${JSON.stringify(message)}\n`);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.closed) return resolve();
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once("drain", resolve);
    }).finally(() => {
      const answered = answeredIdOf(message);
      if (answered !== undefined) this.settleRequest(answered);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopReading();
    this.input.off("error", this.onStreamError);
    this.onclose?.();
  }
}
