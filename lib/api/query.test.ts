import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  comparisonQuery,
  developersExportQuery,
  exportable,
  filtersQuery,
  noQuery,
  parseApiQuery,
  sessionsQuery,
} from "./query";

const url = (q: string) => new URL(`http://portal.test/api/v1/x?${q}`).searchParams;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZodError);
    return (e as ZodError).issues.map((i) => `${i.path.join(".")}:${i.code}`);
  }
  throw new Error("expected a ZodError");
}

describe("API query parameters are strict (a page falls back, the API answers 400)", () => {
  it("refuses an unknown range instead of reading 30 days", () => {
    expect(issuesOf(() => parseApiQuery(url("range=bogus"), filtersQuery))).toEqual(["range:invalid_value"]);
  });

  it("refuses a page size outside 5..200 instead of reading 25", () => {
    expect(issuesOf(() => parseApiQuery(url("pageSize=1000"), sessionsQuery))).toEqual(["pageSize:too_big"]);
    expect(issuesOf(() => parseApiQuery(url("pageSize=abc"), sessionsQuery))).toHaveLength(1);
    expect(issuesOf(() => parseApiQuery(url("page=0"), sessionsQuery))).toEqual(["page:too_small"]);
  });

  it("refuses an unknown parameter, a repeated one, a bad day and an unknown sort", () => {
    expect(issuesOf(() => parseApiQuery(url("rnage=7d"), filtersQuery))).toEqual([":unrecognized_keys"]);
    expect(issuesOf(() => parseApiQuery(url("range=7d&range=all"), filtersQuery))).toHaveLength(1);
    expect(issuesOf(() => parseApiQuery(url("range=custom&from=2026-02-30"), filtersQuery))).toEqual([
      "from:custom",
    ]);
    expect(issuesOf(() => parseApiQuery(url("sort=bogus"), comparisonQuery))).toEqual(["sort:invalid_value"]);
    expect(issuesOf(() => parseApiQuery(url("outcome=meh"), sessionsQuery))).toEqual([
      "outcome:invalid_value",
    ]);
    expect(issuesOf(() => parseApiQuery(url("x=1"), noQuery))).toEqual([":unrecognized_keys"]);
  });

  it("accepts every valid value (what the pages accept) and leaves out what is not set", () => {
    expect(
      parseApiQuery(
        url(
          "range=custom&from=2026-03-01&to=2026-03-31&developer=alice&project=/none&outcome=none&page=2&pageSize=200&sort=duration&dir=asc",
        ),
        sessionsQuery,
      ),
    ).toEqual({
      range: "custom",
      from: "2026-03-01",
      to: "2026-03-31",
      developer: "alice",
      project: "/none",
      outcome: "none",
      page: 2,
      pageSize: 200,
      sort: "duration",
      dir: "asc",
    });
    expect(parseApiQuery(url(""), filtersQuery)).toEqual({});
    expect(parseApiQuery(url("sort=sessions&dir=asc&range=all"), comparisonQuery)).toEqual({
      sort: "sessions",
      dir: "asc",
      range: "all",
    });
  });

  it("an exportable resource takes format (json|csv) and excel (CSV only), strictly like the rest", () => {
    const q = exportable(sessionsQuery);
    expect(parseApiQuery(url("format=csv&excel=1&range=all&sort=duration"), q)).toMatchObject({
      format: "csv",
      excel: "1",
      range: "all",
    });
    expect(issuesOf(() => parseApiQuery(url("format=xml"), q))).toEqual(["format:invalid_value"]);
    expect(issuesOf(() => parseApiQuery(url("format=csv&rnage=7d"), q))).toEqual([":unrecognized_keys"]);
    expect(issuesOf(() => parseApiQuery(url("format=csv&range=bogus"), q))).toEqual(["range:invalid_value"]);
    expect(issuesOf(() => parseApiQuery(url("excel=1"), q))).toEqual(["excel:custom"]);
    expect(issuesOf(() => parseApiQuery(url("format=csv"), filtersQuery))).toEqual([":unrecognized_keys"]);
  });

  it("the developers list sorts only as CSV (the comparison table the pages export)", () => {
    expect(parseApiQuery(url("format=csv&sort=hoursSaved&dir=asc"), developersExportQuery)).toMatchObject({
      sort: "hoursSaved",
    });
    expect(issuesOf(() => parseApiQuery(url("sort=hoursSaved"), developersExportQuery))).toEqual([
      "sort:custom",
    ]);
    expect(issuesOf(() => parseApiQuery(url("format=csv&sort=bogus"), developersExportQuery))).toEqual([
      "sort:invalid_value",
    ]);
  });
});
