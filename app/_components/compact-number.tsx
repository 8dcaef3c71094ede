import { COMPACT_FROM, compact, compactUsd, int, usd } from "@/app/_components/format";

/**
 * A figure that may be large: from 10,000 on it reads compactly ("12.3k", "$66.4k") and the exact value
 * is in the title (hover) and in an `<abbr>` a screen reader can expand; below that it is shown whole.
 */
export function CompactNumber({ value, money = false }: { value: number; money?: boolean }) {
  const exact = money ? usd(value) : int(value);
  if (Math.abs(value) < COMPACT_FROM) return <>{exact}</>;
  return (
    <abbr title={exact} className="cursor-help no-underline" data-exact={exact}>
      {money ? compactUsd(value) : compact(value)}
    </abbr>
  );
}
