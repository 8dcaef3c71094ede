import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A build-tool switch, not portal configuration (so not in lib/env.ts): the e2e server builds into
  // `.next-e2e` so a developer's own `next build`/`next dev` cannot swap chunks under a running test server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native module: load it from node_modules at runtime instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
