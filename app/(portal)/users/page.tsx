import { Badge, Card } from "@tremor/react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { can, ROLE_LABEL } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/user-admin";
import { listDeveloperFolders } from "@/lib/display-names";
import { requireUser } from "@/lib/server/auth";
import { getStore } from "@/lib/server/data";
import { DisplayNameForm, InviteForm, UserRowActions } from "./users-forms";

export const metadata: Metadata = { title: "Users" };

/** Admins only: people, roles, folders, invites and display names. Anyone else gets the 404 page. */
export default async function UsersPage() {
  const user = await requireUser();
  // 404 rather than 403: the page's existence is none of a non-admin's business. Nothing is read before.
  if (!can(user.role, "users:manage")) notFound();
  const people = await listUsers({ db: await getStore() });
  const folders = await listDeveloperFolders({ db: await getStore() });

  return (
    <>
      <PageHeader
        title="Users"
        description="Invite people, set their role, map members to their developer folders, and name the folders."
      />
      <div className="flex flex-col gap-8">
        <Card className="p-5 sm:p-6">
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Invite</h2>
          <ul className="mt-1 mb-4 text-tremor-label text-tremor-content">
            {Object.entries(ROLE_LABEL).map(([role, label]) => (
              <li key={role}>{label}</li>
            ))}
          </ul>
          <InviteForm />
        </Card>

        <Card className="p-5 sm:p-6">
          <h2 className="mb-4 text-tremor-title font-semibold text-tremor-content-strong">People</h2>
          <ScrollRegion label="Users">
            <table className="w-full text-left text-tremor-default" data-testid="users-table">
              <thead className="text-tremor-label text-tremor-content">
                <tr>
                  <th className="py-2 pr-4 font-medium">User</th>
                  <th className="py-2 pr-4 font-medium">Role and folders</th>
                  <th className="py-2 font-medium">Access</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id} className="border-t border-tremor-border align-top" data-email={p.email}>
                    <td className="py-3 pr-4">
                      <p className="font-medium text-tremor-content-strong">{p.name}</p>
                      <p className="text-tremor-label text-tremor-content">{p.email}</p>
                      {p.disabled ? <Badge color="rose">disabled</Badge> : null}
                      {p.id === user.id ? <Badge color="gray">you</Badge> : null}
                    </td>
                    <UserRowActions
                      user={{
                        id: p.id,
                        email: p.email,
                        role: p.role,
                        folders: p.folders,
                        disabled: p.disabled,
                      }}
                      self={p.id === user.id}
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </Card>

        <Card className="p-5 sm:p-6">
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Display names</h2>
          <p className="mt-1 mb-4 text-tremor-default text-tremor-content">
            The name shown for a developer folder everywhere in the portal. Filters, links and the API keep
            the folder name. Leave blank to show the folder name.
          </p>
          {folders.length === 0 ? (
            <p className="text-tremor-default text-tremor-content">No developer folders yet.</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {folders.map((f) => (
                <li key={f.developer}>
                  <DisplayNameForm developer={f.developer} displayName={f.displayName ?? ""} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
