/** The named-parameter binding of the read model's statements (the store takes `?` only, on both engines). */
import { describe, expect, it } from "vitest";
import { bindNamed } from "./scope";

describe("bindNamed", () => {
  it("writes each @name as ? and puts its value where it stands among the positional ones", () => {
    expect(
      bindNamed("SELECT ? WHERE s.developer_id = @dev AND x = ? AND y = @dev", [1, 2, { dev: 7 }]),
    ).toEqual({
      sql: "SELECT ? WHERE s.developer_id = ? AND x = ? AND y = ?",
      params: [1, 7, 2, 7],
    });
  });

  it("leaves quoted text and statements without named values alone", () => {
    expect(bindNamed("SELECT '@dev ?' AS a, @dev AS b", [{ dev: 1 }])).toEqual({
      sql: "SELECT '@dev ?' AS a, ? AS b",
      params: [1],
    });
    expect(bindNamed("SELECT ? AS a", [5])).toEqual({ sql: "SELECT ? AS a", params: [5] });
  });

  it("refuses a name without a value", () => {
    expect(() => bindNamed("SELECT @dev", [{ other: 1 }])).toThrow(/@dev/);
  });
});
