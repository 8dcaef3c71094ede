/**
 * The principal's data scope (lib/auth/privacy.ts) for the reads of one request. `apiHandler` (route
 * handlers, CSV exports) and the page loaders of `./dashboards` run the reads inside
 * {@link runWithAccess}; `./read-model` asks {@link currentAccess} and applies it to every result.
 * A read outside any of them throws (fails closed) rather than showing a member everything.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { DataAccess } from "@/lib/auth/privacy";
import { getSettings } from "./data";

const store = new AsyncLocalStorage<DataAccess>();

/** The access of a principal whose full-view folders are `developers` (null = all), with the group size in force. */
export function accessOf(developers: readonly string[] | null): DataAccess {
  return { own: developers, minGroupSize: getSettings().minGroupSize };
}

/** Runs `fn` (and everything it awaits) with `access` as the data scope of its reads. */
export function runWithAccess<T>(access: DataAccess, fn: () => T): T {
  return store.run(access, fn);
}

/** The data scope of the running read; throws when no principal set one (a bug: never show everything). */
export function currentAccess(): DataAccess {
  const a = store.getStore();
  if (!a) throw new Error("read-model read outside runWithAccess: no principal's data scope");
  return a;
}
