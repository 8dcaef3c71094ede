import { describe, expect, it } from "vitest";
import { type JsonValue, pyDumps } from "./json.js";
import { pythonDumps } from "./test-helpers/fixtures.js";

// Values whose serialisation is identical in both languages (no integral floats, see json.ts).
const samples: Record<string, JsonValue> = {
  empty_object: {},
  empty_array: [],
  nested_empties: { a: {}, b: [], c: [{}, []], d: { e: [] } },
  scalars: { t: true, f: false, n: null, i: -42, big: 12345678901, f1: 0.85, f2: 34.5, f3: 1.5e300, s: "" },
  escapes: {
    s: 'quote " backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \u0000 us \u001f del \u007f',
  },
  unicode: { clé: "naïve café — ü ß 漢字", emoji: "😀 rocket 🚀", lone: "\ud800x\udfff" },
  deep: [[[[{ k: [1, [2, [3, { z: "w" }]]] }]]]],
  top_string: "héllo",
};

describe("pyDumps", () => {
  it.each(Object.entries(samples))(
    "matches Python json.dumps(indent=2, ensure_ascii=True): %s",
    (_name, value) => {
      const text = JSON.stringify(value);
      expect(pyDumps(value)).toBe(pythonDumps(text));
    },
  );

  it("re-indents nested levels and keeps escaped newlines inside strings", () => {
    expect(pyDumps({ a: [1, "x\ny"] }, 1)).toBe('{\n    "a": [\n      1,\n      "x\\ny"\n    ]\n  }');
  });

  it("prints integral floats the JS way (documented difference)", () => {
    expect(pyDumps({ m: 120.0 })).toBe('{\n  "m": 120\n}');
    expect(pythonDumps('{"m": 120.0}')).toBe('{\n  "m": 120.0\n}');
  });
});
