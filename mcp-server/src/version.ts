import { readFileSync } from "node:fs";

const packageJson: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

function field(key: string, fallback: string): string {
  const value: unknown =
    typeof packageJson === "object" && packageJson !== null ? Reflect.get(packageJson, key) : undefined;
  return typeof value === "string" ? value : fallback;
}

/** This package's version, read from package.json (one level above both src/ and dist/). */
export const PACKAGE_VERSION: string = field("version", "0.0.0");

/** This package's npm name (what `npx` fetches), read from the same package.json. */
export const PACKAGE_NAME: string = field("name", "ai-session-tracker-mcp");
