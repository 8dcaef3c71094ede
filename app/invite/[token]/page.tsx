import type { Metadata } from "next";
import Link from "next/link";
import { LogoMark } from "@/app/_components/logo";
import { peekPasswordLink } from "@/lib/auth/password-links";
import { getDb } from "@/lib/server/data";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password" };

/** Public: the one-time link of an invite or a reset. The token in the URL is the only credential. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = token.length <= 200 ? peekPasswordLink({ db: getDb(), token, now: Date.now() }) : null;
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark size="lg" className="mb-4" />
          <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">
            Set your password
          </h1>
        </div>
        <div className="rounded-tremor-default bg-tremor-background p-6 shadow-tremor-card ring-1 ring-tremor-ring sm:p-8">
          {link ? (
            <InviteForm token={token} email={link.email} />
          ) : (
            <p className="text-tremor-default text-tremor-content" data-testid="invite-invalid">
              This link was already used or has expired. Ask an admin for a new one, or{" "}
              <Link href="/login" className="text-tremor-brand underline">
                sign in
              </Link>
              .
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
