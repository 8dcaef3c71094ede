import type { NextConfig } from "next";
import { BASE_SECURITY_HEADERS } from "./lib/security-policy";

const nextConfig: NextConfig = {
  // A build-tool switch, not portal configuration (so not in lib/env.ts): the e2e server builds into
  // `.next-e2e` so a developer's own `next build`/`next dev` cannot swap chunks under a running test server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native module: load it from node_modules at runtime instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
  // The fixed security headers on every response, static assets included (the proxy never sees those);
  // the per-request CSP and HSTS are set by proxy.ts through lib/server/security-headers.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...BASE_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
