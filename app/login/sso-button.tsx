"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/**
 * "Sign in with <name>": starts next-auth's OpenID Connect round trip (the browser goes to the provider
 * and comes back to /api/auth/callback/<providerId>). `message` is the last round trip's refusal, if any.
 */
export function SsoButton({
  providerId,
  name,
  callbackUrl,
  message,
}: {
  providerId: string;
  name: string;
  callbackUrl: string;
  message: string | null;
}) {
  const [pending, setPending] = useState(false);
  return (
    <div className="mb-5 flex flex-col gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn(providerId, { callbackUrl }).catch(() => setPending(false));
        }}
        className="inline-flex h-10 items-center justify-center rounded-tremor-default border border-tremor-border bg-tremor-background px-4 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input hover:bg-tremor-background-subtle disabled:opacity-60"
      >
        {pending ? "Redirecting…" : `Sign in with ${name}`}
      </button>
      {message ? (
        <p
          role="alert"
          data-testid="sso-error"
          className="text-tremor-default text-rose-600 dark:text-rose-400"
        >
          {message}
        </p>
      ) : null}
      <p className="flex items-center gap-3 text-tremor-label text-tremor-content-subtle">
        <span className="h-px flex-1 bg-tremor-border" aria-hidden="true" />
        or with your e-mail and password
        <span className="h-px flex-1 bg-tremor-border" aria-hidden="true" />
      </p>
    </div>
  );
}
