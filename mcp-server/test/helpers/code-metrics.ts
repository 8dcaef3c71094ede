import type { FunctionModification } from "../../src/code-metrics/index.js";

/** `log_code_metrics` entries for `names`, each "modified" with no line counts: the analysers' test input. */
export const modifiedFunctions = (names: readonly string[]): FunctionModification[] =>
  names.map((name) => ({
    name,
    modification_type: "modified",
    lines_added: 0,
    lines_modified: 0,
    lines_deleted: 0,
  }));
