/**
 * API tokens: random, shown once, stored only as a SHA-256 digest. Format `ast_<43 base64url chars>`
 * (256 bits of randomness, so a plain unsalted hash is enough: nothing to brute-force).
 */
import { createHash, randomBytes } from "node:crypto";

/** Prefix of every token (lets secret scanners and humans recognise one). */
export const API_TOKEN_PREFIX = "ast_";

/** A new random token in clear text (show it once, store {@link hashApiToken} of it). */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Hex SHA-256 of a token: what the database stores and looks up. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The part of a token safe to display in a list (`ast_` + 6 chars). */
export function displayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

/** Extracts the token of an `Authorization: Bearer …` header; null when absent or malformed. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}
