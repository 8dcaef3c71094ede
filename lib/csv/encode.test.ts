import { describe, expect, it } from "vitest";
import { csvCell, csvHeader, csvRow, neutralise } from "./encode";

describe("csv encoder (RFC 4180)", () => {
  it("leaves plain text and numbers bare", () => {
    expect(csvRow(["alice", 3, 1.5, null, undefined, true])).toBe("alice,3,1.5,,,true\r\n");
  });
  it("quotes a cell holding a comma, quote, CR or LF and doubles quotes", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell("semi;colon")).toBe("semi;colon");
  });
  it("neutralises text cells starting with = + - @ tab or CR (OWASP), then quotes as needed", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(neutralise("a=b")).toBe("a=b");
  });
  it("keeps real numeric cells numeric, negative ones included", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
  });
  it("starts an Excel-friendly file with a UTF-8 BOM; the plain one without", () => {
    expect(csvHeader(["a", "b"], { excel: true })).toBe("\uFEFFa,b\r\n");
    expect(csvHeader(["a", "b"], { excel: false })).toBe("a,b\r\n");
  });
  it("keeps non-ASCII text as it is (UTF-8 on the wire)", () => {
    expect(csvRow(["Zoë", "日本"])).toBe("Zoë,日本\r\n");
  });
});
