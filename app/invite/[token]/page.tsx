import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "@/app/_components/auth-frame";
import { peekPasswordLink } from "@/lib/auth/password-links";
import { getStore } from "@/lib/server/data";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password" };

/** Public: the one-time link of an invite or a reset. The token in the URL is the only credential. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link =
    token.length <= 200 ? await peekPasswordLink({ db: await getStore(), token, now: Date.now() }) : null;
  return (
    <AuthFrame title="Set your password">
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
    </AuthFrame>
  );
}
