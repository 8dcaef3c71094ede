import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LogoMark } from "@/app/_components/logo";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { DEMO_LOGIN } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { isDemoMode } from "@/lib/runtime/ingest";
import { getSessionUser } from "@/lib/server/auth";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only paths on the portal's own origin are followed after sign-in (no open redirect).
  const callbackUrl = safeCallbackUrl(params.callbackUrl, new URL(getEnv().NEXTAUTH_URL).origin);
  if (await getSessionUser()) redirect(callbackUrl);
  const demo = isDemoMode() ? DEMO_LOGIN : null;

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark size="lg" className="mb-4" />
          <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">
            AI Session Tracker
          </h1>
          <p className="mt-1 text-tremor-default text-tremor-content">
            Sign in to see what AI assistance is worth to your team.
          </p>
        </div>
        <div className="rounded-tremor-default bg-tremor-background p-6 shadow-tremor-card ring-1 ring-tremor-ring sm:p-8">
          <LoginForm callbackUrl={callbackUrl} defaultEmail={demo?.email ?? ""} />
        </div>
        {demo ? (
          <aside
            aria-label="Demo login"
            className="mt-4 rounded-tremor-default border border-dashed border-tremor-brand-muted bg-tremor-brand-faint p-4 text-tremor-default text-tremor-content-emphasis"
            data-testid="demo-login"
          >
            <p className="font-medium text-tremor-content-strong">Demo mode</p>
            <p className="mt-1">
              No <code className="font-mono text-tremor-label">PORTAL_DATA_ROOT</code> is set, so the portal
              shows a generated demo team. Sign in with{" "}
              <code className="font-mono text-tremor-label">{demo.email}</code> /{" "}
              <code className="font-mono text-tremor-label">{demo.password}</code>.
            </p>
          </aside>
        ) : null}
      </div>
    </main>
  );
}
