/** The shape every CLI subcommand implements. */
import type { FlagSpec, FlagValues } from "./flags.js";
import type { Io } from "./output.js";

/** What a command runs against: injected so commands never read `process.*` directly. */
export interface RunEnv {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One subcommand: its flags (for parsing and help) and its action, which returns the exit code. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** Extra help text printed after the flag list. */
  readonly details?: string;
  run(values: FlagValues, env: RunEnv): Promise<number>;
}
