/**
 * Where this package lives on disk. Resolved from this module's URL, which is
 * `<package>/dist/cli/` when built and `<package>/src/cli/` under tsx, so both give the package root.
 */
import { fileURLToPath } from "node:url";

/** Absolute path of the built bin script (`dist/cli/main.js`) that MCP client configs launch with node. */
export const BIN_SCRIPT = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Folder of the bundled agent-instruction files. */
export const AGENT_FILES_DIR = fileURLToPath(new URL("../../agent-files/", import.meta.url));

/** The program name printed by `--version` and used in help. */
export const PROGRAM_NAME = "ai-session-tracker";
