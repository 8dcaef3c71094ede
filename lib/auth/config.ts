/**
 * next-auth 4 options: credentials provider against the `users` table, JWT sessions carrying the user id
 * and role. Takes the DB getter and secret as arguments so this module stays plain Node (no next/*).
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { PortalDb } from "@/lib/db/client";
import type { UserRole } from "@/lib/db/schema";
import { verifyCredentials } from "./users";

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

const roleSchema = z.enum(["admin", "viewer"]);

/** Session lifetime: a working week. */
const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/** Builds the next-auth options. `secret` signs the session JWT (NEXTAUTH_SECRET). */
export function buildAuthOptions(getDb: () => PortalDb, secret: string | undefined): NextAuthOptions {
  return {
    secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password);
          if (!user) return null;
          return { id: String(user.id), email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.role = user.role ?? "viewer";
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = typeof token.uid === "number" ? token.uid : 0;
          session.user.role = roleSchema.safeParse(token.role).data ?? "viewer";
        }
        return session;
      },
    },
  };
}

declare module "next-auth" {
  interface User {
    role?: UserRole;
  }
  interface Session {
    user?: { id: number; role: UserRole; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: UserRole;
  }
}
