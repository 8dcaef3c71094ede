/**
 * The one error type of the package. Every expected failure (bad input, unknown session, unreadable
 * file, lock timeout) is a TrackerError; anything else is a programmer error.
 *
 * `code` is stable and machine-readable; `message` is written for the caller (an IDE agent or a
 * person at a terminal) and says how to fix the call where that is possible.
 */
export type TrackerErrorCode =
  | "invalid_input" // the caller sent something we reject; fix the call
  | "not_found" // unknown session id, missing file
  | "unsupported" // e.g. a file type log_code_metrics cannot analyse
  | "corrupt_file" // a data file could not be parsed (it is moved aside, never overwritten)
  | "lock_timeout" // another process held the data-folder lock for too long
  | "io"; // the file system refused a read or write

// Shaped like the portal's PortalError on purpose: each package has its own error type (this one never
// imports the portal, the portal adds HTTP statuses).
export class TrackerError extends Error {
  override readonly name = "TrackerError";
  constructor(
    readonly code: TrackerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `e` is a TrackerError (optionally of one of the given codes). */
export function isTrackerError(e: unknown, ...codes: TrackerErrorCode[]): e is TrackerError {
  return e instanceof TrackerError && (codes.length === 0 || codes.includes(e.code));
}
