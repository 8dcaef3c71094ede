/** The `users` columns of a `PortalUser` (lib/auth/users.ts), for `SELECT ${USER_COLUMNS} FROM users …`. */
export const USER_COLUMNS = "users.id, users.email, users.name, users.role";

/** The same columns unqualified, for `INSERT/UPDATE users … RETURNING ${USER_RETURNING}`. */
export const USER_RETURNING = "id, email, name, role";
