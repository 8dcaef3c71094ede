"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef, useState } from "react";
import { type SetPasswordState, setPasswordAction } from "./actions";

const inputClass =
  "block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand focus:ring-2 focus:ring-tremor-brand-muted focus:outline-none";

/** Choose a password through the link, then sign in with it at once. */
export function InviteForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction, {
    status: "idle",
    message: "",
  });
  const password = useRef("");
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== "ok") return;
    signIn("credentials", { email: state.email, password: password.current, redirect: false }).then((res) => {
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
      } else setSignInError("Your password is set. Sign in with it on the sign-in page.");
    });
  }, [state, router]);

  const message = state.status === "error" ? state.message : signInError;
  return (
    <form
      action={(form) => {
        password.current = String(form.get("password") ?? "");
        action(form);
      }}
      className="flex flex-col gap-4"
    >
      <input type="hidden" name="token" value={token} />
      <p className="text-tremor-default text-tremor-content">
        Account: <span className="font-medium text-tremor-content-strong">{email}</span>
      </p>
      <label className="flex flex-col gap-1.5 text-tremor-default font-medium text-tremor-content-strong">
        New password
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          className={inputClass}
        />
      </label>
      <label className="flex flex-col gap-1.5 text-tremor-default font-medium text-tremor-content-strong">
        Repeat the password
        <input name="confirm" type="password" autoComplete="new-password" required className={inputClass} />
      </label>
      <p role="alert" className="min-h-5 text-tremor-default text-rose-600 dark:text-rose-400">
        {message}
      </p>
      <button
        type="submit"
        disabled={pending || state.status === "ok"}
        className="inline-flex h-10 items-center justify-center rounded-tremor-default bg-tremor-brand px-4 text-tremor-default font-medium text-tremor-brand-inverted hover:bg-tremor-brand-emphasis disabled:opacity-60"
      >
        {state.status === "ok" ? "Signing in…" : "Set password and sign in"}
      </button>
    </form>
  );
}
