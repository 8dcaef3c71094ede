"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

/** The message for a failed sign-in (next-auth's `error`: `throttled:<s>` from the throttle, or a code). */
function signInMessage(error: string | null | undefined): string {
  const throttled = /^throttled:(\d+)$/.exec(error ?? "");
  if (throttled) return `Too many attempts, try again in ${throttled[1]} s.`;
  return "Wrong e-mail or password.";
}

const inputClass =
  "block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input placeholder:text-tremor-content-subtle focus:border-tremor-brand focus:ring-2 focus:ring-tremor-brand-muted focus:outline-none";

/** E-mail/password form posting to next-auth's credentials provider; errors are announced inline. */
export function LoginForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
        callbackUrl,
      });
      if (!res || res.error || !res.ok) {
        setError(signInMessage(res?.error));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Sign-in failed: the server could not be reached.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="email" className="text-tremor-default font-medium text-tremor-content-strong">
          E-mail
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={defaultEmail}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="password" className="text-tremor-default font-medium text-tremor-content-strong">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
          aria-describedby={error ? "login-error" : undefined}
        />
      </div>
      <p
        id="login-error"
        role="alert"
        className="min-h-5 text-tremor-default text-rose-600 dark:text-rose-400"
      >
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="inline-flex h-10 items-center justify-center rounded-tremor-default bg-tremor-brand px-4 text-tremor-default font-medium text-tremor-brand-inverted shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
