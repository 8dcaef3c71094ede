/**
 * Sign-in throttling with exponential backoff, per account and per client address. Counters live in
 * SQLite (`login_attempts`) rather than memory so a restart does not hand an attacker a fresh budget and
 * every server process sees the same counts.
 *
 * Rules: each key has a number of free failures; every failure past them locks the key for
 * `backoffMs · 2^(failures − free)` (capped at `maxBackoffMs`). While a key is locked, sign-ins with it
 * are refused without checking the password, and those refusals do not extend the lock. A success clears
 * the account's counter (not the address's: one valid account must not reset an address that is
 * guessing others). A key quiet for `resetAfterMs` starts over.
 */
import { eq, inArray } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { loginAttempts } from "@/lib/db/schema";

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
export function loginRetryAfterMs({
  db,
  keys,
  now,
}: {
  db: PortalDb;
  keys: LoginThrottleKeys;
  now: number;
}): number {
  const rows = db
    .select({ lockedUntilMs: loginAttempts.lockedUntilMs })
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, keyList(keys)))
    .all();
  return Math.max(0, ...rows.map((r) => r.lockedUntilMs - now));
}

/**
 * Counts a failed attempt against both keys and sets their locks. Returns the account's failure count
 * (for the audit line).
 */
export function recordLoginFailure({
  db,
  keys,
  config,
  now,
}: {
  db: PortalDb;
  keys: LoginThrottleKeys;
  config: LoginThrottleConfig;
  now: number;
}): number {
  let accountFailures = 0;
  db.transaction((tx) => {
    for (const key of keyList(keys)) {
      const free = key === keys.account ? config.freeFailures : config.freeFailuresPerAddress;
      const row = tx.select().from(loginAttempts).where(eq(loginAttempts.key, key)).get();
      const previous = row && now - row.lastFailureMs < config.resetAfterMs ? row.failures : 0;
      const failures = previous + 1;
      const over = failures - free;
      const lockedUntilMs =
        over >= 0 ? now + Math.min(config.maxBackoffMs, config.backoffMs * 2 ** Math.min(over, 30)) : 0;
      const values = { key, failures, lastFailureMs: now, lockedUntilMs };
      tx.insert(loginAttempts)
        .values(values)
        .onConflictDoUpdate({ target: loginAttempts.key, set: values })
        .run();
      if (key === keys.account) accountFailures = failures;
    }
  });
  return accountFailures;
}

/** Clears the account's counter after a successful sign-in (the address keeps its count). */
export function recordLoginSuccess({ db, keys }: { db: PortalDb; keys: LoginThrottleKeys }): void {
  db.delete(loginAttempts).where(eq(loginAttempts.key, keys.account)).run();
}
