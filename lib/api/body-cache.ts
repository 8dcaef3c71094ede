/**
 * The serialized bodies of recent `/api/v1` reads, keyed by their ETag (lib/api/etag.ts: equal inputs —
 * data version, settings, caller, URL, minute — give an equal body). A client that repeats a read without
 * `If-None-Match` (dashboards polling, scripts, load) gets the same bytes without the loaders, the
 * response mapping and JSON.stringify running again; the first write after it changes the data version and
 * so every key. Least recently used bodies go first once the total passes `maxBytes`.
 */

/** A byte-bounded LRU of response bodies (text). */
export class BodyCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly limits: {
      /** Total size kept (UTF-16 code units × 2, roughly the heap the strings take). */
      maxBytes: number;
      /** A body larger than this is never kept (one export-sized page must not evict everything). */
      maxEntryBytes: number;
    },
  ) {}

  /** The body stored under `key` (and marks it recently used), or undefined. */
  get(key: string): string | undefined {
    const body = this.entries.get(key);
    if (body === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, body);
    return body;
  }

  /** Stores `body` under `key` unless it is larger than `maxEntryBytes`; evicts the oldest past `maxBytes`. */
  set(key: string, body: string): void {
    const size = body.length * 2;
    if (size > this.limits.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length * 2;
    }
    this.entries.set(key, body);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length * 2;
    }
  }

  /** Bodies kept and their total size (bytes), for tests and logs. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
