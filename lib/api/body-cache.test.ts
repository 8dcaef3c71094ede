import { describe, expect, it } from "vitest";
import { BodyCache } from "./body-cache";

describe("BodyCache", () => {
  it("answers a stored body, keeps the most recently used within the byte bound, skips oversized ones", () => {
    const c = new BodyCache({ maxBytes: 40, maxEntryBytes: 20 });
    c.set("a", "12345"); // 10 bytes
    c.set("b", "12345");
    c.set("c", "12345");
    expect(c.stats()).toEqual({ entries: 3, bytes: 30 });
    expect(c.get("a")).toBe("12345"); // a is now the most recent
    c.set("d", "1234567890"); // 20 bytes: 50 > 40, the least recent (b) goes
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe("12345");
    expect(c.stats()).toEqual({ entries: 3, bytes: 40 });
    c.set("big", "x".repeat(11)); // 22 bytes > maxEntryBytes: not kept, nothing evicted
    expect(c.get("big")).toBeUndefined();
    expect(c.stats().entries).toBe(3);
    c.set("a", "1"); // replacing counts the new size only
    expect(c.stats()).toEqual({ entries: 3, bytes: 32 });
    expect(c.get("nope")).toBeUndefined();
  });
});
