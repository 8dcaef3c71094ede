/**
 * The portal's one error type. `code` maps to an HTTP status; `message` is safe to show to a user
 * (never a path, SQL or stack). The cause is kept for logs only.
 */
export type PortalErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large" // a request body above its documented limit (push ingest)
  | "unavailable" // the DB or the shared folder cannot be reached
  | "internal";

const STATUS: Record<PortalErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

/**
 * Expected failure with a stable machine code and a user-safe message. Shaped like the MCP package's
 * TrackerError on purpose: one error type per package, this one with HTTP statuses.
 */
export class PortalError extends Error {
  override readonly name = "PortalError";
  constructor(
    readonly code: PortalErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return STATUS[this.code];
  }

  /** JSON response `{ error: { code, message } }` with the code's status (route handlers). */
  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
  }
}

/** True when `e` is a PortalError (optionally of one of the given codes). */
export function isPortalError(e: unknown, ...codes: PortalErrorCode[]): e is PortalError {
  return e instanceof PortalError && (codes.length === 0 || codes.includes(e.code));
}

/** Wraps anything thrown into a PortalError; unknown errors become `internal` with a generic message. */
export function toPortalError(e: unknown): PortalError {
  if (e instanceof PortalError) return e;
  return new PortalError("internal", "Internal error", { cause: e });
}
