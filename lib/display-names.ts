/**
 * Display names for developer folders (folder `bob` shown as "Bob Smith"). Folder names stay the keys
 * everywhere (filters, URLs, the API); only what a person reads changes. Admins set them on the Users page.
 */
import { asc, eq } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { developerDisplayNames, developers } from "@/lib/db/schema";

/** Folder name → display name, for the folders that have one. */
export type DisplayNames = Readonly<Record<string, string>>;

/** Every display name set. */
export function getDisplayNames({ db }: { db: PortalDb }): DisplayNames {
  const out: Record<string, string> = {};
  for (const r of db.select().from(developerDisplayNames).all()) out[r.developer] = r.displayName;
  return out;
}

/** Sets the display name of folder `developer`; a blank name removes it (the folder name shows again). */
export function setDisplayName({
  db,
  developer,
  displayName,
  now,
}: {
  db: PortalDb;
  developer: string;
  displayName: string;
  now: number;
}): void {
  const name = displayName.trim();
  if (name === "") {
    db.delete(developerDisplayNames).where(eq(developerDisplayNames.developer, developer)).run();
    return;
  }
  db.insert(developerDisplayNames)
    .values({ developer, displayName: name, updatedMs: now })
    .onConflictDoUpdate({
      target: developerDisplayNames.developer,
      set: { displayName: name, updatedMs: now },
    })
    .run();
}

/** Every developer folder the ingest has seen, by name, with its display name (null when none). */
export function listDeveloperFolders({
  db,
}: {
  db: PortalDb;
}): { developer: string; displayName: string | null }[] {
  const names = getDisplayNames({ db });
  return db
    .select({ developer: developers.name })
    .from(developers)
    .orderBy(asc(developers.name))
    .all()
    .map((r) => ({ developer: r.developer, displayName: names[r.developer] ?? null }));
}
