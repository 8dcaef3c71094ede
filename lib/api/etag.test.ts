import { describe, expect, it } from "vitest";
import { ifNoneMatchHits, type ReadInputs, readEtag, versionSeenAt } from "./etag";

const base: ReadInputs = {
  dataVersion: "3:10",
  settings: { hourlyRate: 100 },
  principal: { userId: 1, role: "lead", developers: null, scopes: ["read", "export"] },
  url: "/api/v1/summary?range=all",
  minuteMs: 1_800_000_000_000,
};

describe("read ETag", () => {
  it("is stable for equal inputs and changes with each input the body depends on", () => {
    const e = readEtag(base);
    expect(e).toMatch(/^W\/"[\w-]{32}"$/);
    expect(readEtag({ ...base, principal: { ...base.principal, scopes: ["export", "read"] } })).toBe(e);
    const variants: ReadInputs[] = [
      { ...base, dataVersion: "3:11" },
      { ...base, settings: { hourlyRate: 101 } },
      { ...base, principal: { ...base.principal, role: "member", developers: ["alice"] } },
      { ...base, principal: { ...base.principal, scopes: ["read"] } },
      { ...base, principal: { ...base.principal, userId: 2 } },
      { ...base, url: "/api/v1/summary?range=7d" },
      { ...base, minuteMs: base.minuteMs + 60_000 },
    ];
    for (const v of variants) expect(readEtag(v)).not.toBe(e);
  });

  it("matches If-None-Match weakly, in a list, and for *", () => {
    const e = readEtag(base);
    expect(ifNoneMatchHits(e, e)).toBe(true);
    expect(ifNoneMatchHits(e.slice(2), e)).toBe(true);
    expect(ifNoneMatchHits(`W/"other", ${e}`, e)).toBe(true);
    expect(ifNoneMatchHits("*", e)).toBe(true);
    expect(ifNoneMatchHits('W/"other"', e)).toBe(false);
    expect(ifNoneMatchHits(null, e)).toBe(false);
  });

  it("dates a data version by when it was first seen", () => {
    expect(versionSeenAt("a", 1000)).toBe(1000);
    expect(versionSeenAt("a", 5000)).toBe(1000);
    expect(versionSeenAt("b", 7000)).toBe(7000);
  });
});
