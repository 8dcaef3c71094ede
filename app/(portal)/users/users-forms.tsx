"use client";

import { useActionState } from "react";
import type { Role } from "@/lib/auth/roles";
import {
  inviteUserAction,
  resetPasswordAction,
  setDisabledAction,
  setDisplayNameAction,
  type UsersFormState,
  updateUserAction,
} from "./actions";

const IDLE: UsersFormState = { status: "idle", message: "" };

// Alike the settings forms' classes by shape only (text inputs here, numeric ones there): kept per form.

const inputClass =
  "block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand focus:ring-2 focus:ring-tremor-brand-muted focus:outline-none";

const buttonClass =
  "inline-flex h-9 items-center justify-center rounded-tremor-default bg-tremor-brand px-3 text-tremor-default font-medium text-tremor-brand-inverted shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60";

const secondaryClass =
  "inline-flex h-9 items-center justify-center rounded-tremor-default border border-tremor-border px-3 text-tremor-default font-medium text-tremor-content-strong hover:bg-tremor-background-subtle disabled:opacity-60";

/** The outcome line of a form, and the one-time secret when there is one. */
function Outcome({ state }: { state: UsersFormState }) {
  if (state.status === "idle") return null;
  return (
    <div role="status" className="flex flex-col gap-1 text-tremor-default">
      <p
        className={
          state.status === "error"
            ? "text-rose-600 dark:text-rose-400"
            : "text-emerald-700 dark:text-emerald-400"
        }
      >
        {state.message}
      </p>
      {state.secret ? (
        <p className="text-tremor-content">
          {state.secret.kind === "link"
            ? "One-time link (shown once, valid 7 days): "
            : "Temporary password (shown once): "}
          <code
            className="break-all font-mono text-tremor-label text-tremor-content-strong"
            data-testid="one-time-secret"
          >
            {state.secret.value}
          </code>
        </p>
      ) : null}
    </div>
  );
}

function RoleSelect({ id, defaultValue }: { id: string; defaultValue: Role }) {
  return (
    <select id={id} name="role" defaultValue={defaultValue} className={inputClass}>
      <option value="member">member</option>
      <option value="lead">lead</option>
      <option value="admin">admin</option>
    </select>
  );
}

/** Invite a person: e-mail, name, role, folders, and how the first password is handed over. */
export function InviteForm() {
  const [state, action, pending] = useActionState(inviteUserAction, IDLE);
  return (
    <form action={action} className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Invite a user">
      <label className="flex flex-col gap-1 text-tremor-default text-tremor-content-strong">
        E-mail
        <input name="email" type="email" required className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-tremor-default text-tremor-content-strong">
        Name
        <input name="name" className={inputClass} />
      </label>
      <label
        className="flex flex-col gap-1 text-tremor-default text-tremor-content-strong"
        htmlFor="invite-role"
      >
        Role
        <RoleSelect id="invite-role" defaultValue="member" />
      </label>
      <label className="flex flex-col gap-1 text-tremor-default text-tremor-content-strong">
        Developer folders (members; comma separated)
        <input name="folders" className={inputClass} placeholder="bob, bob-laptop" />
      </label>
      <fieldset className="flex flex-wrap gap-4 text-tremor-default text-tremor-content-strong sm:col-span-2">
        <legend className="mb-1">First password</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="method" value="link" defaultChecked /> One-time link
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="method" value="password" /> Temporary password
        </label>
      </fieldset>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <button type="submit" disabled={pending} className={`${buttonClass} self-start`}>
          {pending ? "Inviting…" : "Invite"}
        </button>
        <Outcome state={state} />
      </div>
    </form>
  );
}

interface RowUser {
  id: number;
  email: string;
  role: Role;
  folders: string[];
  disabled: boolean;
}

/** A user's role and folders (one form), and the disable and reset buttons. */
export function UserRowActions({ user, self }: { user: RowUser; self: boolean }) {
  const [saved, save, saving] = useActionState(updateUserAction, IDLE);
  const [toggled, toggle, toggling] = useActionState(setDisabledAction, IDLE);
  const [reset, doReset, resetting] = useActionState(resetPasswordAction, IDLE);
  const prefix = `user-${user.id}`;
  return (
    <>
      <td className="py-3 pr-4">
        <form action={save} className="flex flex-col gap-2" aria-label={`Role and folders of ${user.email}`}>
          <input type="hidden" name="id" value={user.id} />
          <label htmlFor={`${prefix}-role`} className="sr-only">
            Role
          </label>
          <RoleSelect id={`${prefix}-role`} defaultValue={user.role} />
          <label className="flex flex-col gap-1 text-tremor-label text-tremor-content">
            Folders
            <input name="folders" defaultValue={user.folders.join(", ")} className={inputClass} />
          </label>
          <button type="submit" disabled={saving} className={`${secondaryClass} self-start`}>
            Save
          </button>
          <Outcome state={saved} />
        </form>
      </td>
      <td className="py-3">
        {self ? (
          <p className="text-tremor-label text-tremor-content">Your own account</p>
        ) : (
          <div className="flex flex-col gap-2">
            <form action={toggle}>
              <input type="hidden" name="id" value={user.id} />
              <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
              <button type="submit" disabled={toggling} className={secondaryClass}>
                {user.disabled ? "Enable" : "Disable"}
              </button>
              <Outcome state={toggled} />
            </form>
            <form action={doReset} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="id" value={user.id} />
              <button
                type="submit"
                name="method"
                value="link"
                disabled={resetting}
                className={secondaryClass}
              >
                Reset: link
              </button>
              <button
                type="submit"
                name="method"
                value="password"
                disabled={resetting}
                className={secondaryClass}
              >
                Reset: temporary password
              </button>
              <Outcome state={reset} />
            </form>
          </div>
        )}
      </td>
    </>
  );
}

/** The display name of one developer folder. */
export function DisplayNameForm({ developer, displayName }: { developer: string; displayName: string }) {
  const [state, action, pending] = useActionState(setDisplayNameAction, IDLE);
  const id = `display-${developer}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="developer" value={developer} />
      <label htmlFor={id} className="w-40 truncate font-mono text-tremor-label text-tremor-content-strong">
        {developer}
      </label>
      <input id={id} name="displayName" defaultValue={displayName} className={`${inputClass} max-w-xs`} />
      <button type="submit" disabled={pending} className={secondaryClass}>
        Save
      </button>
      <Outcome state={state} />
    </form>
  );
}
