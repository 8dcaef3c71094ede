import { describe, expect, it } from "vitest";
import { customRangeProblem, DEFAULT_RANGE, describeRange, parseFilters } from "./filters";

const LONG = "x".repeat(201);

describe("parseFilters never throws", () => {
  it("drops a value over 200 characters and keeps the others", () => {
    const f = parseFilters({ developer: LONG, project: "web", model: LONG, task: LONG, range: "all" });
    expect(f).toEqual({
      range: "all",
      developer: undefined,
      project: "web",
      model: undefined,
      task: undefined,
    });
  });

  it("takes URLSearchParams with oversized, repeated and nonsense values", () => {
    const sp = new URLSearchParams();
    sp.append("project", LONG);
    sp.append("project", "second");
    sp.append("range", "bogus");
    sp.append("outcome", "maybe");
    sp.append("from", "9999-99-99");
    const f = parseFilters(sp);
    expect(f.project).toBeUndefined();
    expect(f.range).toBe(DEFAULT_RANGE);
    expect(f.outcome).toBeUndefined();
    expect(f.from).toBeUndefined();
  });

  it("survives values of every shape a caller may pass", () => {
    const inputs: Record<string, string | string[] | undefined>[] = [
      { developer: [LONG, "a"] },
      { developer: [] },
      { range: ["custom"], from: ["2026-01-01", "x"], to: LONG },
      { developer: "\u0000\u202E", range: "" },
      { model: " ".repeat(500) },
    ];
    for (const input of inputs) expect(() => parseFilters(input)).not.toThrow();
    expect(parseFilters({ developer: "\u0000\u202E" }).developer).toBe("\u0000\u202E");
    expect(parseFilters({ range: ["custom"], from: ["2026-01-01", "x"] })).toMatchObject({
      range: "custom",
      from: "2026-01-01",
    });
  });

  it("keeps a value of exactly 200 characters", () => {
    expect(parseFilters({ developer: "y".repeat(200) }).developer).toBe("y".repeat(200));
  });
});

describe("custom range", () => {
  it("drops a day that does not exist instead of rolling it over", () => {
    expect(parseFilters({ range: "custom", from: "2026-02-30", to: "2026-03-05" })).toMatchObject({
      range: "custom",
      from: undefined,
      to: "2026-03-05",
    });
    expect(parseFilters({ range: "custom", from: "2026-04-31" }).range).toBe(DEFAULT_RANGE);
    expect(parseFilters({ range: "custom", from: "2028-02-29" }).from).toBe("2028-02-29");
  });

  it("names an impossible day or a backwards pair", () => {
    expect(customRangeProblem({ from: "2026-02-30", to: "2026-03-05" })).toEqual({
      kind: "not-a-date",
      value: "2026-02-30",
    });
    expect(customRangeProblem({ from: "2026-05-20", to: "2026-05-10" })).toEqual({
      kind: "backwards",
      from: "2026-05-20",
      to: "2026-05-10",
    });
    expect(customRangeProblem({ from: "2026-05-10", to: "2026-05-10" })).toBeNull();
    expect(customRangeProblem({ from: "2026-05-01", to: null })).toBeNull();
    expect(customRangeProblem({})).toBeNull();
  });

  it("is described in the portal's date style", () => {
    expect(describeRange(parseFilters({ range: "custom", from: "2026-05-01", to: "2026-05-10" }))).toBe(
      "1 May 2026 – 10 May 2026",
    );
    expect(describeRange(parseFilters({ range: "custom", to: "2026-05-10" }))).toBe("… – 10 May 2026");
  });
});
