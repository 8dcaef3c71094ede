import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";
import { clientAddress } from "./client-address";
import { writeRefusal } from "./write-guard";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackUrl("/sessions?range=all&page=2", ORIGIN)).toBe("/sessions?range=all&page=2");
    expect(safeCallbackUrl("/developers/alice%20smith#top", ORIGIN)).toBe("/developers/alice%20smith#top");
    expect(safeCallbackUrl(["/issues", "/x"], ORIGIN)).toBe("/issues");
  });

  it.each([
    ["tab makes //host once browsers drop it", "/\t/localhost:3999/pwned"],
    ["newline", "/\n/x"],
    ["carriage return", "/\r/evil.example"],
    ["leading space", " /x"],
    ["protocol-relative", "//evil.example/x"],
    ["backslash", "/\\evil.example"],
    ["absolute other origin", "https://evil.example/"],
    ["absolute same host, other port", "http://localhost:3999/"],
    ["javascript URL", "javascript:alert(1)"],
    ["no leading slash", "sessions"],
    ["NUL", "/\u0000/x"],
    ["non-breaking space", "/\u00a0/x"],
    ["empty", ""],
    ["missing", undefined],
  ])("refuses %s", (_label, raw) => {
    expect(safeCallbackUrl(raw, ORIGIN)).toBe("/");
  });

  it("never throws on a malformed origin", () => {
    expect(safeCallbackUrl("/x", "not a url")).toBe("/");
  });
});

describe("clientAddress", () => {
  it("takes the right-most X-Forwarded-For entry (the nearest hop)", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" })).toBe("10.0.0.2");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::1" }))).toBe("::1");
  });

  it("ignores values that are not addresses", () => {
    expect(clientAddress({ "x-forwarded-for": "evil\n[auth] forged" })).toBeNull();
    expect(clientAddress({})).toBeNull();
    expect(clientAddress(undefined)).toBeNull();
  });
});

describe("writeRefusal", () => {
  const req = (method: string, headers: Record<string, string>) => ({
    method,
    headers: new Headers(headers),
  });
  const cookie = { portalOrigin: ORIGIN, bearer: false };
  const bearer = { portalOrigin: ORIGIN, bearer: true };
  const json = { "content-type": "application/json; charset=utf-8" };

  it("lets reads through untouched", () => {
    expect(writeRefusal(req("GET", { origin: "http://evil.example" }), cookie)).toBeNull();
  });

  it("accepts same-origin JSON writes with a cookie", () => {
    expect(writeRefusal(req("POST", { origin: ORIGIN, ...json }), cookie)).toBeNull();
    expect(writeRefusal(req("POST", { "sec-fetch-site": "same-origin", ...json }), cookie)).toBeNull();
    expect(writeRefusal(req("DELETE", { origin: ORIGIN }), cookie)).toBeNull();
  });

  it("refuses cookie writes from another origin or of unknown origin", () => {
    expect(writeRefusal(req("POST", { origin: "http://evil.example", ...json }), cookie)).toMatch(
      /Cross-site/,
    );
    expect(writeRefusal(req("POST", { origin: "null", ...json }), cookie)).toMatch(/Cross-site/);
    expect(writeRefusal(req("POST", json), cookie)).toMatch(/Cross-site/);
    expect(writeRefusal(req("POST", { "sec-fetch-site": "same-site", ...json }), cookie)).toMatch(
      /Cross-site/,
    );
    expect(writeRefusal(req("DELETE", { origin: "http://evil.example" }), cookie)).toMatch(/Cross-site/);
    // An Origin that disagrees wins over a Sec-Fetch-Site that agrees.
    expect(
      writeRefusal(
        req("POST", { origin: "http://evil.example", "sec-fetch-site": "same-origin", ...json }),
        cookie,
      ),
    ).toMatch(/Cross-site/);
  });

  it("refuses bodies that are not declared JSON, cookie or bearer", () => {
    expect(writeRefusal(req("POST", { origin: ORIGIN, "content-type": "text/plain" }), cookie)).toMatch(
      /JSON/,
    );
    expect(writeRefusal(req("POST", { origin: ORIGIN }), cookie)).toMatch(/JSON/);
    expect(writeRefusal(req("POST", { "content-type": "text/plain" }), bearer)).toMatch(/JSON/);
    expect(
      writeRefusal(
        req("POST", { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }),
        cookie,
      ),
    ).toMatch(/JSON/);
  });

  it("exempts bearer calls from the origin rule", () => {
    expect(writeRefusal(req("POST", { origin: "http://evil.example", ...json }), bearer)).toBeNull();
    expect(writeRefusal(req("DELETE", {}), bearer)).toBeNull();
  });
});
