import { describe, expect, it } from "vitest";
import {
  BASE_SECURITY_HEADERS,
  buildContentSecurityPolicy,
  createNonce,
  hstsHeader,
} from "./security-policy";

describe("buildContentSecurityPolicy", () => {
  it("allows only nonce'd scripts and forbids framing, plugins, foreign base and form targets", () => {
    const csp = buildContentSecurityPolicy({ nonce: "abc" });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp).toContain(d);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds eval and the HMR socket only in dev, the upgrade only over https", () => {
    expect(buildContentSecurityPolicy({ nonce: "n", dev: true })).toContain("'unsafe-eval'");
    expect(buildContentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("fixed headers", () => {
  it("HSTS only for an https public URL", () => {
    expect(hstsHeader("https://portal.example.com")).toMatch(/^max-age=\d+/);
    expect(hstsHeader("http://localhost:3000")).toBeNull();
  });

  it("nosniff, no framing and a referrer policy on every response", () => {
    const h = Object.fromEntries(BASE_SECURITY_HEADERS.map((e) => [e.key, e.value]));
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("a fresh nonce each time", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});
