/**
 * Display names for developer folders (folder `bob` shown as "Bob Smith"). Folder names stay the keys
 * everywhere (filters, URLs, the API); only what a person reads changes. Admins set them on the Users page.
 */
import type { Store } from "@/lib/db/store";

/** Folder name → display name, for the folders that have one. */
export type DisplayNames = Readonly<Record<string, string>>;

/** Every display name set. */
export async function getDisplayNames({ db }: { db: Store }): Promise<DisplayNames> {
  const out: Record<string, string> = {};
  const rows = await db.all<{ developer: string; displayName: string }>(
    `SELECT developer, display_name AS "displayName" FROM developer_display_names`,
  );
  for (const r of rows) out[r.developer] = r.displayName;
  return out;
}

/** Sets the display name of folder `developer`; a blank name removes it (the folder name shows again). */
export async function setDisplayName({
  db,
  developer,
  displayName,
  now,
}: {
  db: Store;
  developer: string;
  displayName: string;
  now: number;
}): Promise<void> {
  const name = displayName.trim();
  if (name === "") {
    await db.run("DELETE FROM developer_display_names WHERE developer = ?", [developer]);
    return;
  }
  await db.run(
    `INSERT INTO developer_display_names (developer, display_name, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (developer) DO UPDATE SET display_name = excluded.display_name, updated_ms = excluded.updated_ms`,
    [developer, name, now],
  );
}

/** Every developer folder the ingest has seen, by name, with its display name (null when none). */
export async function listDeveloperFolders({
  db,
}: {
  db: Store;
}): Promise<{ developer: string; displayName: string | null }[]> {
  const names = await getDisplayNames({ db });
  const rows = await db.all<{ developer: string }>("SELECT name AS developer FROM developers ORDER BY name");
  return rows.map((r) => ({ developer: r.developer, displayName: names[r.developer] ?? null }));
}
