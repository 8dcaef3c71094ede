/**
 * The account resources: GET/POST /api/v1/tokens (never a secret or a hash; the clear-text token only in
 * the creation's answer) and GET /api/v1/users (never a password or a link). Times are `*_ms` epoch ms.
 */
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { SCOPES } from "@/lib/auth/scopes";
import type { ApiTokenInfo } from "@/lib/auth/tokens";
import type { UserListRow } from "@/lib/auth/user-admin";
import { defineResponse } from "./define";

const ms = z.number().meta({ description: "Epoch milliseconds (UTC)" });

const tokenSchema = z.strictObject({
  id: z.number(),
  name: z.string(),
  prefix: z.string().meta({ description: "The token's first characters, to recognise it" }),
  scopes: z.array(z.enum(SCOPES)),
  created_ms: ms,
  expires_ms: ms.nullable(),
  last_used_ms: ms.nullable(),
  last_used_address: z.string().nullable(),
  revoked_ms: ms.nullable(),
  owner: z
    .strictObject({ id: z.number(), name: z.string() })
    .meta({ description: "The user the token acts as (an admin's list holds every user's tokens)" }),
  created_by: z.discriminatedUnion("via", [
    z.strictObject({ via: z.literal("token"), token_id: z.number(), token_name: z.string().nullable() }),
    z.strictObject({
      via: z.literal("session"),
      user_id: z.number().nullable(),
      user_name: z.string().nullable(),
    }),
  ]),
});

/** A token's DTO. */
export function tokenDto(t: ApiTokenInfo): z.output<typeof tokenSchema> {
  const by = t.createdBy;
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: [...t.scopes],
    created_ms: t.createdMs,
    expires_ms: t.expiresMs,
    last_used_ms: t.lastUsedMs,
    last_used_address: t.lastUsedAddress,
    revoked_ms: t.revokedMs,
    owner: { id: t.owner.id, name: t.owner.name },
    created_by:
      by.via === "token"
        ? { via: "token", token_id: by.tokenId, token_name: by.tokenName }
        : { via: "session", user_id: by.userId, user_name: by.userName },
  };
}

/** The body of GET /api/v1/tokens. */
export const tokensResponse = defineResponse(
  z.strictObject({ tokens: z.array(tokenSchema) }),
  (tokens: readonly ApiTokenInfo[]) => ({ tokens: tokens.map(tokenDto) }),
);

/** The body of POST /api/v1/tokens (201): the clear-text token, shown this once, and its entry. */
export const createdTokenResponse = defineResponse(
  z.strictObject({
    token: z.string().meta({ description: "The secret; not retrievable later" }),
    info: tokenSchema,
  }),
  (c: { token: string; info: ApiTokenInfo }) => ({ token: c.token, info: tokenDto(c.info) }),
);

/** The body of GET /api/v1/users. */
export const usersResponse = defineResponse(
  z.strictObject({
    users: z.array(
      z.strictObject({
        id: z.number(),
        email: z.string(),
        name: z.string(),
        role: z.enum(ROLES),
        disabled: z.boolean(),
        created_ms: ms,
        folders: z.array(z.string()).meta({ description: "A member's developer folders" }),
      }),
    ),
  }),
  (users: readonly UserListRow[]) => ({
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      disabled: u.disabled,
      created_ms: u.createdMs,
      folders: [...u.folders],
    })),
  }),
);
