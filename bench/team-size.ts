/**
 * The team size both portal benchmarks take (team L by default: 50 developers × 2,000 sessions × 10
 * interactions): their command-line options, and the same size as flags for a child process (the ingest
 * benchmark's generate phase, the fixture generator's CLI).
 */

/** `node:util` parseArgs options `--developers`, `--sessions`, `--interactions`. */
export const TEAM_SIZE_OPTIONS = {
  developers: { type: "string", default: "50" },
  sessions: { type: "string", default: "2000" },
  interactions: { type: "string", default: "10" },
} as const;

/** Developers, sessions per developer, interactions per session. */
export function teamSize(values: { developers: string; sessions: string; interactions: string }): {
  nDev: number;
  nSess: number;
  nInt: number;
} {
  return {
    nDev: Number(values.developers),
    nSess: Number(values.sessions),
    nInt: Number(values.interactions),
  };
}

/** The size as command-line flags. */
export function teamSizeArgs(nDev: number, nSess: number, nInt: number): string[] {
  return ["--developers", `${nDev}`, "--sessions", `${nSess}`, "--interactions", `${nInt}`];
}
