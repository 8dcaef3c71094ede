"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setMemberFolders } from "@/lib/auth/member-folders";
import { can, roleSchema } from "@/lib/auth/roles";
import { changeUserRole, disableUser, type Handover, inviteUser, resetPassword } from "@/lib/auth/user-admin";
import type { PortalUser } from "@/lib/auth/users";
import { setDisplayName } from "@/lib/display-names";
import { getEnv } from "@/lib/env";
import { isPortalError, PortalError } from "@/lib/errors";
import { requireUser } from "@/lib/server/auth";
import { getStore } from "@/lib/server/data";

/** Outcome of a Users-page form; `secret` (an invite link or a temporary password) is shown once. */
export interface UsersFormState {
  status: "idle" | "ok" | "error";
  message: string;
  secret?: { kind: "link" | "password"; value: string };
}

/** The signed-in user when they may manage users; `forbidden` otherwise (checked before any write). */
async function requireUsersAdmin(): Promise<PortalUser> {
  const user = await requireUser();
  if (!can(user.role, "users:manage")) throw new PortalError("forbidden", "Only an admin can manage users");
  return user;
}

const handoverSchema = z.enum(["link", "password"]);
const idSchema = z.coerce.number().int().positive();
/** Folder names as typed: comma or newline separated. */
const foldersSchema = z
  .string()
  .max(4000)
  .transform((s) => s.split(/[,\n]/));

function secretOf(h: Handover): UsersFormState["secret"] {
  if (h.linkToken)
    return { kind: "link", value: new URL(`/invite/${h.linkToken}`, getEnv().NEXTAUTH_URL).href };
  return h.temporaryPassword ? { kind: "password", value: h.temporaryPassword } : undefined;
}

/** Runs a users action: admin check, input parse, a user-safe message for expected errors. */
async function run(
  work: (actor: PortalUser) => Promise<Omit<UsersFormState, "status">>,
): Promise<UsersFormState> {
  try {
    const actor = await requireUsersAdmin();
    const out = await work(actor);
    revalidatePath("/users");
    return { status: "ok", ...out };
  } catch (e) {
    if (e instanceof z.ZodError) return { status: "error", message: e.issues[0]?.message ?? "Invalid input" };
    if (isPortalError(e)) return { status: "error", message: e.message };
    throw e;
  }
}

const inviteSchema = z.object({
  email: z.email("Enter an e-mail address").max(320),
  name: z.string().trim().max(200),
  role: roleSchema,
  method: handoverSchema,
  folders: foldersSchema,
});

/** Invites a person: creates the user and returns the one-time link or temporary password. */
export async function inviteUserAction(_prev: UsersFormState, form: FormData): Promise<UsersFormState> {
  return run(async () => {
    const input = inviteSchema.parse(Object.fromEntries(form));
    const db = await getStore();
    const r = await inviteUser({ db, ...input, now: Date.now() });
    await setMemberFolders({ db, userId: r.user.id, developers: input.folders });
    return { message: `Invited ${r.user.email}`, secret: secretOf(r) };
  });
}

const userUpdateSchema = z.object({ id: idSchema, role: roleSchema, folders: foldersSchema });

/** Saves a user's role and developer folders. */
export async function updateUserAction(_prev: UsersFormState, form: FormData): Promise<UsersFormState> {
  return run(async (actor) => {
    const input = userUpdateSchema.parse(Object.fromEntries(form));
    const db = await getStore();
    await changeUserRole({ db, actorId: actor.id, id: input.id, role: input.role });
    await setMemberFolders({ db, userId: input.id, developers: input.folders });
    return { message: "Saved" };
  });
}

const disableSchema = z.object({ id: idSchema, disabled: z.enum(["true", "false"]) });

/** Disables or re-enables a user (their sessions end at once). */
export async function setDisabledAction(_prev: UsersFormState, form: FormData): Promise<UsersFormState> {
  return run(async (actor) => {
    const input = disableSchema.parse(Object.fromEntries(form));
    const disabled = input.disabled === "true";
    await disableUser({ db: await getStore(), actorId: actor.id, id: input.id, disabled, now: Date.now() });
    return { message: disabled ? "Disabled" : "Enabled" };
  });
}

const resetSchema = z.object({ id: idSchema, method: handoverSchema });

/** Resets a user's password: a temporary password or a link, shown once. */
export async function resetPasswordAction(_prev: UsersFormState, form: FormData): Promise<UsersFormState> {
  return run(async (actor) => {
    const input = resetSchema.parse(Object.fromEntries(form));
    const h = await resetPassword({ db: await getStore(), actorId: actor.id, ...input, now: Date.now() });
    return { message: "Password reset", secret: secretOf(h) };
  });
}

const displayNameSchema = z.object({
  developer: z.string().min(1).max(200),
  displayName: z.string().max(200),
});

/** Sets (or, when blank, removes) the display name of a developer folder. */
export async function setDisplayNameAction(_prev: UsersFormState, form: FormData): Promise<UsersFormState> {
  return run(async () => {
    const input = displayNameSchema.parse(Object.fromEntries(form));
    await setDisplayName({ db: await getStore(), ...input, now: Date.now() });
    revalidatePath("/", "layout");
    return { message: "Saved" };
  });
}
