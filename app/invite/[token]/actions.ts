"use server";

import { z } from "zod";
import { consumePasswordLink, newPasswordSchema } from "@/lib/auth/password-links";
import { isPortalError } from "@/lib/errors";
import { getStore } from "@/lib/server/data";

/** Outcome of setting a password through a link: the e-mail to sign in with, or why not. */
export type SetPasswordState =
  | { status: "idle" | "error"; message: string }
  | { status: "ok"; email: string };

const formSchema = z
  .object({ token: z.string().min(1).max(200), password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The passwords differ", path: ["confirm"] });

/** Sets the password through the one-time link (public: the link's token is the credential). */
export async function setPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid input" };
  try {
    const user = await consumePasswordLink({ db: await getStore(), ...parsed.data, now: Date.now() });
    if (!user)
      return {
        status: "error",
        message: "This link was already used or has expired. Ask an admin for a new one.",
      };
    return { status: "ok", email: user.email };
  } catch (e) {
    if (isPortalError(e, "bad_request")) return { status: "error", message: e.message };
    throw e;
  }
}
