/**
 * Security headers of every request the proxy sees (pages, API routes, /login): a per-request CSP
 * nonce, handed to Next through the request headers (Next reads the nonce from the request's
 * `Content-Security-Policy` header and stamps it on its own scripts; `x-nonce` is for our own inline
 * script in app/layout.tsx), and the same CSP plus the fixed headers on the response.
 * Static assets never reach the proxy: next.config.ts `headers()` gives them the fixed headers.
 */
import type { NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import {
  BASE_SECURITY_HEADERS,
  buildContentSecurityPolicy,
  createNonce,
  hstsHeader,
} from "@/lib/security-policy";

/** Request header carrying the nonce to server components (app/layout.tsx reads it for its inline script). */
export const NONCE_HEADER = "x-nonce";

/** One request's security context: pass `requestHeaders` on to `NextResponse.next({ request })`. */
export interface SecurityContext {
  nonce: string;
  csp: string;
  /** The incoming headers plus the CSP and the nonce (what the page renderer sees). */
  requestHeaders: Headers;
}

/** Creates the nonce and CSP of `request` and the request headers that carry them to the renderer. */
export function prepareSecurity(request: NextRequest): SecurityContext {
  const env = getEnv();
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy({
    nonce,
    dev: env.NODE_ENV === "development",
    https: env.NEXTAUTH_URL.startsWith("https:"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return { nonce, csp, requestHeaders };
}

/** Sets the CSP, the fixed headers and (over https) HSTS on `response`; returns it. */
export function withSecurityHeaders<R extends NextResponse>(response: R, security: SecurityContext): R {
  response.headers.set("Content-Security-Policy", security.csp);
  for (const { key, value } of BASE_SECURITY_HEADERS) response.headers.set(key, value);
  const hsts = hstsHeader(getEnv().NEXTAUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}
