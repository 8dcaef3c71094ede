/**
 * The usage.json of one generated developer (issue 13; bench:ingest at team-L): what `ai-session-tracker
 * usage` would extract from the agents' logs — per UTC hour a session touches, a record for the main
 * model and one for the small model the agent uses beside it, and on about half of the hours a second
 * conversation (a sub-agent) on the main model. Drawn from its own PRNG so the other files stay
 * byte-identical with or without usage.
 */
const HOUR_MS = 3_600_000;
const MAIN = "claude-sonnet-4-5-20250929";
const SMALL = "claude-haiku-4-5-20251001";

/** One session's span and project, as generated. */
export interface UsageSessionSpan {
  id: string;
  project: string;
  startMs: number;
  endMs: number;
}

/** The usage records of one developer's sessions (`rand`: a seeded PRNG in [0, 1)). */
export function usageRecordsOf(
  sessions: readonly UsageSessionSpan[],
  rand: () => number,
): Record<string, unknown>[] {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  const out: Record<string, unknown>[] = [];
  for (const s of sessions) {
    for (let h = Math.floor(s.startMs / HOUR_MS) * HOUR_MS; h < s.endMs; h += HOUR_MS) {
      const first = Math.max(h, s.startMs);
      const last = Math.min(h + HOUR_MS - 1000, s.endMs);
      const conversations: [string, string][] = [
        [s.id, MAIN],
        [s.id, SMALL],
      ];
      if (rand() < 0.5) conversations.push([`${s.id}-agent`, MAIN]);
      for (const [conversation, model] of conversations) {
        const requests = model === MAIN ? int(5, 60) : int(1, 12);
        const output = requests * int(200, 1500);
        out.push({
          agent: "claude-code",
          agent_version: "2.0.31",
          conversation_id: conversation,
          project: s.project,
          model,
          hour: iso(h),
          first_timestamp: iso(Math.floor(first / 1000) * 1000),
          last_timestamp: iso(Math.floor(last / 1000) * 1000),
          requests,
          input_tokens: requests * int(10, 400),
          output_tokens: output,
          cache_write_5m_tokens: requests * int(500, 5000),
          cache_write_1h_tokens: 0,
          cache_read_tokens: requests * int(20_000, 120_000),
          reasoning_output_tokens: Math.floor(output * rand() * 0.3),
        });
      }
    }
  }
  return out;
}
