import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/app/_components/auth-frame";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { oidcConfigFromEnv, ssoErrorMessage } from "@/lib/auth/oidc";
import { DEMO_LOGIN } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { isDemoMode } from "@/lib/runtime/ingest";
import { getSessionUser } from "@/lib/server/auth";
import { LoginForm } from "./login-form";
import { SsoButton } from "./sso-button";

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
  // Single sign-on only when configured (PORTAL_OIDC_*); otherwise the credentials form alone.
  const sso = oidcConfigFromEnv(getEnv());

  return (
    <AuthFrame
      title="AI Session Tracker"
      subtitle="Sign in to see what AI assistance is worth to your team."
      after={
        demo ? (
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
        ) : null
      }
    >
      {sso ? (
        <SsoButton
          providerId={sso.id}
          name={sso.name}
          callbackUrl={callbackUrl}
          message={ssoErrorMessage(params.error)}
        />
      ) : null}
      <LoginForm callbackUrl={callbackUrl} defaultEmail={demo?.email ?? ""} />
    </AuthFrame>
  );
}
