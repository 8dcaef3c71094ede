import { describe, expect, it } from "vitest";
import { decodePathParam } from "./path-param";

describe("decodePathParam", () => {
  it("decodes escapes, including non-ASCII and reserved characters", () => {
    expect(decodePathParam("alice")).toBe("alice");
    expect(decodePathParam("J%C3%BCrgen%20M%2FB")).toBe("Jürgen M/B");
    expect(decodePathParam("%E2%80%AEx")).toBe("\u202Ex");
  });

  it("answers null for malformed escapes instead of throwing", () => {
    for (const raw of ["%E0%A4%A", "%", "%zz", "a%E0", "%ED%A0%80"]) expect(decodePathParam(raw)).toBeNull();
  });
});
