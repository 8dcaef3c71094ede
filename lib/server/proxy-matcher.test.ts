import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { config } from "../../proxy";

// Next's own matcher compiler (what `next build` runs on proxy.ts's `config.matcher`).
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info.js") as {
  getMiddlewareMatchers: (m: unknown, cfg: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
const gated = (pathname: string) => matchers.some((re) => re.test(pathname));

// Gated and passed-through paths are two tables of the same shape on purpose.
describe("proxy matcher", () => {
  it.each([
    "/",
    "/sessions",
    "/developers/leak.png",
    "/developers/alice.svg",
    "/developers/x.ico",
    "/sessions/12.webp",
    "/api/v1/summary",
    "/api/v1/x.jpg",
    "/favicon.ico.png",
    "/developers/icon.svg",
    "/icon.svg/x",
    "/robots.txt/x",
    "/_next/staticx",
    "/_next/image/leak.png",
  ])("gates %s", (p) => {
    expect(gated(p)).toBe(true);
  });

  it.each([
    "/_next/static/chunks/app.js",
    "/_next/static/media/logo.png",
    "/_next/image",
    "/favicon.ico",
    "/icon.svg",
    "/robots.txt",
  ])("lets the static asset %s through", (p) => {
    expect(gated(p)).toBe(false);
  });
});
