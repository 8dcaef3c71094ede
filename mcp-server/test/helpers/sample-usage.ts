/**
 * The token usage of run1's first interaction (spec §2.8 transcript): the sample the tool and CLI tests
 * log and the benchmarks write, kept once so they all send the same figures.
 */
export const SAMPLE_TOKEN_USAGE = Object.freeze({
  tokens_in: 12000,
  tokens_out: 1800,
  cache_hit_rate: 0.85,
  cached_tokens: 10200,
  new_tokens: 1800,
  context_pct: 34.5,
});

/** The tools run1's first interaction used. */
export const SAMPLE_TOOLS_USED: readonly string[] = Object.freeze(["read_file", "replace_string_in_file"]);
