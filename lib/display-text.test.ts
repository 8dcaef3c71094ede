import { describe, expect, it } from "vitest";
import { displayText, escapeControls, LIST_TEXT_MAX, truncateText } from "./display-text";

describe("escapeControls", () => {
  it("shows bidirectional controls as visible markers", () => {
    expect(escapeControls("a\u202Eb\u202Cc")).toBe("a⟨U+202E⟩b⟨U+202C⟩c");
    for (const cp of [
      0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x061c,
    ])
      expect(escapeControls(String.fromCodePoint(cp))).toBe(
        `⟨U+${cp.toString(16).toUpperCase().padStart(4, "0")}⟩`,
      );
  });

  it("shows C0/C1 control characters and DEL as markers, keeps tab and newline", () => {
    expect(escapeControls("a\u0000b\u001bc\u007fd\u0085e")).toBe("a⟨U+0000⟩b⟨U+001B⟩c⟨U+007F⟩d⟨U+0085⟩e");
    expect(escapeControls("a\tb\nc")).toBe("a\tb\nc");
  });

  it("leaves ordinary text, right-to-left scripts and emoji alone", () => {
    for (const s of ["alice", "Ünïcødé", "שלום", "مرحبا", "👩‍💻 dev", "a·b – c"])
      expect(escapeControls(s)).toBe(s);
  });
});

describe("truncateText", () => {
  it("cuts at the limit in code points and says so", () => {
    expect(truncateText("abcdef", 3)).toEqual({ text: "abc…", truncated: true });
    expect(truncateText("abc", 3)).toEqual({ text: "abc", truncated: false });
    expect(truncateText("😀😀😀😀", 2)).toEqual({ text: "😀😀…", truncated: true });
  });

  it("is cheap on a megabyte", () => {
    const big = "x".repeat(2_000_000);
    const t0 = performance.now();
    const r = truncateText(big, LIST_TEXT_MAX);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(r.text.length).toBe(LIST_TEXT_MAX + 1);
  });
});

describe("displayText", () => {
  it("cuts then escapes: a spoofing name stays readable and short", () => {
    const name = `\u202E${"z".repeat(1_000_000)}`;
    const shown = displayText(name);
    expect(shown.startsWith("⟨U+202E⟩zzz")).toBe(true);
    expect(shown.endsWith("…")).toBe(true);
    expect(shown.length).toBeLessThan(LIST_TEXT_MAX + 20);
    expect(shown).not.toMatch(/[\u202A-\u202E]/);
  });

  it("without a limit escapes the whole text", () => {
    expect(displayText("a\u2066b".repeat(300), null)).toBe("a⟨U+2066⟩b".repeat(300));
  });
});
