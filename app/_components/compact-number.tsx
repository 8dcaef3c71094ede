import { COMPACT_FROM, compact, compactHours, compactUsd, hours, int, usd } from "@/app/_components/format";

/** What the figure is: a count, money (USD) or hours. */
type CompactKind = "int" | "usd" | "hours";
const EXACT: Record<CompactKind, (v: number) => string> = { int, usd, hours };
const SHORT: Record<CompactKind, (v: number) => string> = {
  int: compact,
  usd: compactUsd,
  hours: compactHours,
};

/**
 * A figure that may be large: from 10,000 on it reads compactly ("12.3k", "$66.4k") and the exact value
 * is in the title (hover) and in an `<abbr>` a screen reader can expand; below that it is shown whole.
 */
export function CompactNumber({
  value,
  money = false,
  kind = money ? "usd" : "int",
}: {
  value: number;
  money?: boolean;
  kind?: CompactKind;
}) {
  const exact = EXACT[kind](value);
  if (Math.abs(value) < COMPACT_FROM) return <>{exact}</>;
  return (
    <abbr title={exact} className="cursor-help no-underline" data-exact={exact}>
      {SHORT[kind](value)}
    </abbr>
  );
}
