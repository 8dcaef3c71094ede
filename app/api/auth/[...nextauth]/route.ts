import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth";

// Options are built on the first request (not at import) so `next build` needs no secret or DB.
function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
