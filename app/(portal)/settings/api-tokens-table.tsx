import { Badge } from "@tremor/react";
import { utcDateTime as dateTime } from "@/app/_components/format";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { ApiTokenInfo } from "@/lib/auth/tokens";
import { deleteToken, revokeToken } from "./actions";

const actionButton =
  "rounded-md px-2 py-1 text-tremor-default font-medium text-rose-600 hover:bg-rose-50 dark:text-rose-400 dark:hover:bg-rose-950/40";

/** Headers after the name column (which has its own padding) and before the actions column. */
const COLUMNS = ["Token", "Scopes", "Created", "Created by", "Last used", "State"] as const;
/** The same with the owner, in an admin's list of every user's tokens. */
const COLUMNS_WITH_OWNER = ["Owner", ...COLUMNS] as const;

/** Who created a token, as the list shows it. */
function creatorLabel(t: ApiTokenInfo): string {
  const by = t.createdBy;
  if (by.via === "token") return by.tokenName ? `token ${by.tokenName}` : `deleted token #${by.tokenId}`;
  return by.userName ? `${by.userName} (signed in)` : "—";
}

/** A token's state: revoked, expired (with when), or active. */
function TokenState({ t, nowMs }: { t: ApiTokenInfo; nowMs: number }) {
  if (t.revokedMs) return <Badge color="gray">revoked</Badge>;
  if (t.expiresMs !== null && t.expiresMs <= nowMs) return <Badge color="amber">expired</Badge>;
  return <>{t.expiresMs === null ? "never expires" : `expires ${dateTime(t.expiresMs)}`}</>;
}

/**
 * API tokens: scopes, creator, last use (time and address), expiry; revoke (which also revokes what the
 * token created) and delete for admins, who see every user's tokens with an Owner column. Anyone else
 * sees their own. Revoked tokens stay until deleted.
 */
export function ApiTokensTable({
  tokens,
  canManage,
  nowMs,
}: {
  tokens: ApiTokenInfo[];
  /** An admin: every user's tokens are listed (with their owner) and can be revoked or deleted. */
  canManage: boolean;
  nowMs: number;
}) {
  if (tokens.length === 0) return <p className="text-tremor-default text-tremor-content">No tokens yet.</p>;
  const td = "px-3 py-2.5";
  return (
    <ScrollRegion label="API tokens" className="relative -mx-5 sm:mx-0">
      <table className="w-full text-left text-tremor-default" data-testid="api-tokens">
        <caption className="sr-only">{canManage ? "Every user's API tokens" : "Your API tokens"}</caption>
        <thead className="border-b border-tremor-border text-tremor-label text-tremor-content uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-3">
              Name
            </th>
            {(canManage ? COLUMNS_WITH_OWNER : COLUMNS).map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium">
                {c}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border">
          {tokens.map((t) => (
            <tr
              key={t.id}
              className={t.revokedMs ? "text-tremor-content-subtle" : "text-tremor-content-strong"}
            >
              <td className="px-5 py-2.5 font-medium sm:px-3">{t.name}</td>
              {canManage ? <td className={td}>{t.owner.name}</td> : null}
              <td className={`${td} font-mono text-tremor-label`}>{t.prefix}…</td>
              <td className={td}>{t.scopes.join(", ")}</td>
              <td className={`${td} whitespace-nowrap`}>{dateTime(t.createdMs)}</td>
              <td className={td}>{creatorLabel(t)}</td>
              <td className={`${td} whitespace-nowrap`}>
                {t.lastUsedMs
                  ? `${dateTime(t.lastUsedMs)}${t.lastUsedAddress ? ` from ${t.lastUsedAddress}` : ""}`
                  : "never"}
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <TokenState t={t} nowMs={nowMs} />
              </td>
              <td className={`${td} text-right whitespace-nowrap`}>
                {canManage ? (
                  <form action={t.revokedMs ? deleteToken : revokeToken} className="inline">
                    <input type="hidden" name="id" value={t.id} />
                    <button
                      type="submit"
                      className={actionButton}
                      aria-label={`${t.revokedMs ? "Delete" : "Revoke"} token ${t.name}`}
                    >
                      {t.revokedMs ? "Delete" : "Revoke"}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
