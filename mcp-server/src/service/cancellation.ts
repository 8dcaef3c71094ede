/**
 * A client's `notifications/cancelled` for a running call. A client that cancels usually retries, so a
 * cancelled call must either not be recorded or be recorded and answered as usual — never recorded
 * silently and then recorded again by the retry.
 *
 * Rule: a call whose cancel arrives before its transaction starts writing (typically while it waits
 * for the folder lock held by another window) records nothing. Once the transaction runs, it commits:
 * every operation's transaction callback is synchronous, so no message can be read between the check
 * below and the commit. The SDK then drops the answer, as the MCP spec asks for a cancelled request.
 */
import type { TrackerStore } from "../storage/tracker-store.js";
import type { TrackerContext } from "./context.js";

/** Thrown inside a transaction of a call the client cancelled; nothing was written. */
export class CallCancelled extends Error {
  override readonly name = "CallCancelled";
  constructor() {
    super("The client cancelled this call before it was recorded; nothing was written.");
  }
}

/**
 * `ctx` for one call that `signal` may cancel: its store's transactions check the signal when they
 * start (after the lock is taken) and throw {@link CallCancelled} without writing if it fired.
 */
export function cancellableContext(ctx: TrackerContext, signal: AbortSignal): TrackerContext {
  const store = ctx.store;
  const transaction: TrackerStore["transaction"] = (fn) =>
    store.transaction((tx) => {
      if (signal.aborted) throw new CallCancelled();
      return fn(tx);
    });
  // Every other member is the shared store's own, bound to it (its state must stay in one place).
  const cancellable = new Proxy(store, {
    get(target, prop) {
      if (prop === "transaction") return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...ctx, store: cancellable };
}
