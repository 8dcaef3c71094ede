import { int } from "@/app/_components/format";
import type { WithheldSummary } from "@/lib/auth/privacy";

/**
 * The visible marker of rows a member may not see (lib/auth/privacy.ts): "2 rows withheld (fewer than
 * 3 people)". Nothing when nothing was withheld (admins and leads, or every row allowed).
 */
export function WithheldNote({
  withheld,
  noun = ["row", "rows"],
}: {
  withheld: WithheldSummary | null;
  /** What was withheld, singular and plural ("day", "days"). */
  noun?: readonly [string, string];
}) {
  if (!withheld) return null;
  return (
    <p role="note" className="mb-2 text-tremor-label text-tremor-content" data-testid="withheld-note">
      {int(withheld.rows)} {withheld.rows === 1 ? noun[0] : noun[1]} {withheld.reason}: members see other
      people only in groups of at least {int(withheld.minGroupSize)}.
    </p>
  );
}
