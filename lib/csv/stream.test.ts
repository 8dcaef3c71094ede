import { describe, expect, it } from "vitest";
import { csvStream, pagesOf } from "./stream";

async function text(s: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = s.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    parts.push(r.value);
  }
  return {
    text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.concat(parts)),
    chunks: parts.length,
  };
}

describe("csv stream", () => {
  it("writes the header then one chunk per page, asking for pages lazily", async () => {
    let asked = 0;
    const rows = [
      ["a", 1],
      ["=b", -2],
      ["c", 3],
    ];
    const pages = pagesOf(rows, 2);
    const s = csvStream({
      columns: ["name", "n"],
      excel: false,
      nextPage: () => {
        asked++;
        return pages();
      },
    });
    expect(asked).toBe(0);
    const out = await text(s);
    expect(out.text).toBe("name,n\r\na,1\r\n'=b,-2\r\nc,3\r\n");
    expect(out.chunks).toBe(3);
    expect(asked).toBe(3);
  });
  it("excel adds the UTF-8 BOM bytes", async () => {
    const s = csvStream({ columns: ["é"], excel: true, nextPage: pagesOf([]) });
    const out = await text(s);
    expect(out.text).toBe("\uFEFFé\r\n");
  });
});

describe("csv stream read back by a real parser (csv-parse)", () => {
  it("round-trips awkward text; formulas come back neutralised, numbers unchanged", async () => {
    const { parse } = await import("csv-parse/sync");
    const rows = [
      ['=HYPERLINK("http://x","y")', -1.5, 'a "quoted", multi\r\nline'],
      ["Zoë 日本", 0, "\ttab"],
    ];
    const s = csvStream({ columns: ["text", "n", "more"], excel: true, nextPage: pagesOf(rows, 1) });
    const parsed = parse((await text(s)).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([
      { text: `'=HYPERLINK("http://x","y")`, n: "-1.5", more: 'a "quoted", multi\r\nline' },
      { text: "Zoë 日本", n: "0", more: "'\ttab" },
    ]);
  });
});
