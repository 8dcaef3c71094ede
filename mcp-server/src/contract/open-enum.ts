/**
 * A frozen upstream enum that stays open to values written by other versions: editors still suggest
 * the known literals, and an unknown stored value is kept instead of dropped or rewritten.
 */
export type OpenEnum<T extends string> = T | (string & {});
