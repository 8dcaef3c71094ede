import { describe, expect, it } from "vitest";
import { pyFloatStr, pyFormatFixed, pyFormatPercent, pyFormatThousands, pyRound } from "./rounding.js";

// Expected values were produced by CPython 3 (`round(v, n)`, `format(v, '.nf')`).
const PY_ROUND: [number, number, number, string][] = [
  [2.5, 0, 2, "2"],
  [0.5, 0, 0, "0"],
  [1.5, 0, 2, "2"],
  [-2.5, 0, -2, "-2"],
  [4.25, 1, 4.2, "4.2"],
  [0.125, 2, 0.12, "0.12"],
  [480.625, 2, 480.62, "480.62"],
  [2.675, 2, 2.67, "2.67"],
  [1.005, 2, 1.0, "1.00"],
  [0.285, 2, 0.28, "0.28"],
  [39.375, 2, 39.38, "39.38"],
  [712.1875, 2, 712.19, "712.19"],
  [91.30608974358974, 1, 91.3, "91.3"],
  [2.5833333333333335, 2, 2.58, "2.58"],
  [3.4166666666666665, 2, 3.42, "3.42"],
  [0.6458333333333334, 2, 0.65, "0.65"],
  [67.16666666666667, 2, 67.17, "67.17"],
  [1.894736842105263, 1, 1.9, "1.9"],
  [3.4285714285714284, 2, 3.43, "3.43"],
  [2.3333333333333335, 1, 2.3, "2.3"],
  [5428.571428571428, 0, 5429, "5429"],
  [542.8571428571429, 0, 543, "543"],
  [34.285714285714285, 1, 34.3, "34.3"],
  [0.0, 2, 0, "0.00"],
  [1e-7, 3, 0, "0.000"],
  [123456789.125, 2, 123456789.12, "123456789.12"],
  [0.045, 2, 0.04, "0.04"],
  [3.175, 2, 3.17, "3.17"],
  [13500.5, 0, 13500, "13500"],
  [1200.5, 0, 1200, "1200"],
  [4.35, 1, 4.3, "4.3"],
  [4.45, 1, 4.5, "4.5"],
  [0.25, 1, 0.2, "0.2"],
  [0.35, 1, 0.3, "0.3"],
];

describe("pyRound / pyFormatFixed (spec §3.11)", () => {
  it("reproduces the §3.11 table where JS differs", () => {
    expect(pyRound(4.25, 1)).toBe(4.2);
    expect((4.25).toFixed(1)).toBe("4.3"); // the trap being avoided
    expect(pyRound(2.5)).toBe(2);
    expect(pyRound(0.125, 2)).toBe(0.12);
    expect(pyRound(480.625, 2)).toBe(480.62);
    expect(pyRound(2.675, 2)).toBe(2.67);
  });

  it.each(PY_ROUND)("round(%d, %d) = %d and format = %s", (value, digits, rounded, text) => {
    expect(pyRound(value, digits)).toBe(rounded);
    expect(pyFormatFixed(value, digits)).toBe(text);
  });

  it("supports negative ndigits like Python", () => {
    expect(pyRound(1234.5, -1)).toBe(1230);
    expect(pyRound(1250, -2)).toBe(1200);
    expect(pyRound(1350, -2)).toBe(1400);
  });

  it("keeps the sign of negative values and of -0 in formatting", () => {
    expect(pyFormatFixed(-0.004, 2)).toBe("-0.00");
    expect(pyFormatFixed(-0.04, 1)).toBe("-0.0");
    expect(Object.is(pyRound(-0.4), -0)).toBe(true);
    expect(pyFormatFixed(-12.345, 2)).toBe("-12.35"); // -12.345 is really -12.3450000000000006…
  });

  it("is exact for subnormal and huge values", () => {
    expect(pyRound(5e-324, 2)).toBe(0);
    expect(pyRound(1e300, 2)).toBe(1e300);
    expect(pyFormatFixed(1e21, 0)).toBe("1000000000000000000000");
  });
});

describe("Python format helpers", () => {
  it("formats thousands with commas", () => {
    expect(pyFormatThousands(1234.5, 2)).toBe("1,234.50");
    expect(pyFormatThousands(-1234.5, 2)).toBe("-1,234.50");
    expect(pyFormatThousands(1234567.891, 2)).toBe("1,234,567.89");
    expect(pyFormatThousands(999.995, 2)).toBe("1,000.00"); // 999.995 is really 999.99500000000000455, carries into a new group
    expect(pyFormatThousands(712.19, 2)).toBe("712.19");
    expect(pyFormatThousands(0, 2)).toBe("0.00");
  });

  it("formats percentages", () => {
    expect(pyFormatPercent(0.25, 1)).toBe("25.0%");
    expect(pyFormatPercent(0.25, 0)).toBe("25%");
    expect(pyFormatPercent(0.125, 0)).toBe("12%");
    expect(pyFormatPercent(0.5, 1)).toBe("50.0%");
    expect(pyFormatPercent(0, 1)).toBe("0.0%");
  });

  it("prints floats as Python str()", () => {
    expect(pyFloatStr(4)).toBe("4.0");
    expect(pyFloatStr(2.5)).toBe("2.5");
    expect(pyFloatStr(0.1)).toBe("0.1");
    expect(pyFloatStr(2900)).toBe("2900.0");
    expect(pyFloatStr(6346.8)).toBe("6346.8");
    expect(pyFloatStr(1e-5)).toBe("1e-05");
    expect(pyFloatStr(0.0001)).toBe("0.0001");
    expect(pyFloatStr(1e16)).toBe("1e+16");
    expect(pyFloatStr(1234567890123456.0)).toBe("1234567890123456.0");
    expect(pyFloatStr(-0)).toBe("-0.0");
    expect(pyFloatStr(-1.5)).toBe("-1.5");
  });
});
