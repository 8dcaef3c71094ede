/**
 * Paths with a malformed %-escape (`/developers/%E0%A4%A`) name nothing. Next's own decoding of route
 * params throws a URIError on them, which would surface as a 500; the proxy answers them first with a
 * small 400 page (or the API's JSON error shape).
 */
import { NextResponse } from "next/server";
import { decodePathParam } from "@/lib/path-param";

/** True when `pathname` (still %-encoded) cannot be decoded. */
export function isMalformedPath(pathname: string): boolean {
  return decodePathParam(pathname) === null;
}

/** The 400 answer for a malformed path: JSON under /api/, a minimal HTML page elsewhere. */
export function badPathResponse(pathname: string): NextResponse {
  const message = "Bad request: the address has a malformed %-escape.";
  if (pathname.startsWith("/api/"))
    return NextResponse.json({ error: { code: "bad_request", message } }, { status: 400 });
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad request · AI Session Tracker</title></head><body><main><h1>Bad request</h1><p>${message}</p><p><a href="/">Back to the overview</a></p></main></body></html>`;
  return new NextResponse(html, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
