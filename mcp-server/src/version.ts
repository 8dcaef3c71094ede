import { readFileSync } from "node:fs";

/** This package's version, read from package.json (one level above both src/ and dist/). */
export const PACKAGE_VERSION: string = (() => {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  const version: unknown = JSON.parse(text).version;
  return typeof version === "string" ? version : "0.0.0";
})();
