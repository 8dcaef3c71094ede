/**
 * Sign-in throttling with exponential backoff, per account and per client address. Counters live in
 * the database (`login_attempts`) rather than memory so a restart does not hand an attacker a fresh budget and
 * every server process sees the same counts.
 *
 * Rules: each key has a number of free failures; every failure past them locks the key for
 * `backoffMs · 2^(failures − free)` (capped at `maxBackoffMs`). While a key is locked, sign-ins with it
 * are refused without checking the password, and those refusals do not extend the lock. A success clears
 * the account's counter (not the address's: one valid account must not reset an address that is
 * guessing others). A key quiet for `resetAfterMs` starts over.
 */
import type { Store } from "@/lib/db/store";

/** Throttle settings (lib/env.ts PORTAL_LOGIN_*). */
export interface LoginThrottleConfig {
  /** Failures allowed per account before backoff starts. */
  freeFailures: number;
  /** Failures allowed per client address before backoff starts (higher: offices share addresses). */
  freeFailuresPerAddress: number;
  /** First lock, in ms; doubles with every further failure. */
  backoffMs: number;
  /** Longest lock, in ms. */
  maxBackoffMs: number;
  /** A key with no failure for this long starts over, in ms. */
  resetAfterMs: number;
}

/** Safe production defaults: 5 / 20 free failures, 30 s doubling up to 15 min, reset after a day. */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = Object.freeze({
  freeFailures: 5,
  freeFailuresPerAddress: 20,
  backoffMs: 30_000,
  maxBackoffMs: 15 * 60_000,
  resetAfterMs: 24 * 60 * 60_000,
});

/** The counters one sign-in attempt touches. `address` is null when the client address is unknown. */
export interface LoginThrottleKeys {
  account: string;
  address: string | null;
}

/** Throttle keys of an attempt: the normalised e-mail (whether or not such a user exists) and address. */
export function loginThrottleKeys(email: string, address: string | null): LoginThrottleKeys {
  return { account: `email:${email.trim().toLowerCase()}`, address: address ? `ip:${address}` : null };
}

const keyList = (k: LoginThrottleKeys) => (k.address ? [k.account, k.address] : [k.account]);

/**
 * Milliseconds until an attempt with `keys` may be checked (the longest lock of its keys), or 0 when it
 * may be checked now.
 */
export async function loginRetryAfterMs({
  db,
  keys,
  now,
}: {
  db: Store;
  keys: LoginThrottleKeys;
  now: number;
}): Promise<number> {
  const list = keyList(keys);
  const rows = await db.all<{ lockedUntilMs: number }>(
    `SELECT locked_until_ms AS "lockedUntilMs" FROM login_attempts WHERE key IN (${list.map(() => "?").join(", ")})`,
    list,
  );
  return Math.max(0, ...rows.map((r) => r.lockedUntilMs - now));
}

/**
 * Counts a failed attempt against both keys and sets their locks. Returns the account's failure count
 * (for the audit line). Each count is one upsert that adds to the stored row, so failures arriving at the
 * same moment (two tabs, two portal instances) are all counted; a lock is only ever lengthened here.
 */
export async function recordLoginFailure({
  db,
  keys,
  config,
  now,
}: {
  db: Store;
  keys: LoginThrottleKeys;
  config: LoginThrottleConfig;
  now: number;
}): Promise<number> {
  let accountFailures = 0;
  for (const key of keyList(keys)) {
    const free = key === keys.account ? config.freeFailures : config.freeFailuresPerAddress;
    const row = await db.get<{ failures: number }>(
      `INSERT INTO login_attempts (key, failures, last_failure_ms, locked_until_ms) VALUES (?, 1, ?, 0)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN excluded.last_failure_ms - login_attempts.last_failure_ms < ?
                    THEN login_attempts.failures + 1 ELSE 1 END,
         last_failure_ms = excluded.last_failure_ms
       RETURNING failures`,
      [key, now, config.resetAfterMs],
    );
    const failures = row?.failures ?? 1;
    const over = failures - free;
    if (over >= 0) {
      const lockedUntilMs = now + Math.min(config.maxBackoffMs, config.backoffMs * 2 ** Math.min(over, 30));
      await db.run(
        `UPDATE login_attempts SET locked_until_ms = CASE WHEN locked_until_ms > ? THEN locked_until_ms ELSE ? END
         WHERE key = ?`,
        [lockedUntilMs, lockedUntilMs, key],
      );
    }
    if (key === keys.account) accountFailures = failures;
  }
  return accountFailures;
}

/** Clears the account's counter after a successful sign-in (the address keeps its count). */
export async function recordLoginSuccess({
  db,
  keys,
}: {
  db: Store;
  keys: LoginThrottleKeys;
}): Promise<void> {
  await db.run("DELETE FROM login_attempts WHERE key = ?", [keys.account]);
}
