/**
 * The app's display formatting: every figure, date and time on a page goes through these (one style,
 * described in lib/format.ts, where the functions live so lib/ and its tests share them).
 */
export * from "@/lib/format";
