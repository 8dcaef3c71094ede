/**
 * Is a folder inside one a sync client keeps in step with the cloud or other machines? Recognised by the
 * marker a client leaves in its root (Syncthing `.stfolder`, Dropbox `.dropbox`) or by the folder names the
 * clients create (OneDrive, OneDrive - <org>, macOS `~/Library/CloudStorage/<Provider>-…`, Google Drive's
 * `My Drive`, iCloud's `Mobile Documents`). Both the path as written and its real path (through symlinks)
 * are looked at. A heuristic: a share mounted elsewhere, or synced by rsync/S3, is not recognised.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { realPathOf } from "./git-ignore.js";

/** The sync clients `doctor` recognises. */
export type SyncClient = "OneDrive" | "Dropbox" | "Google Drive" | "iCloud Drive" | "Syncthing";

/** A recognised sync client and the folder that made it so. */
export interface SyncFolder {
  client: SyncClient;
  root: string;
}

const MARKERS: readonly (readonly [string, SyncClient])[] = [
  [".stfolder", "Syncthing"],
  [".dropbox", "Dropbox"],
];

const NAMES: readonly (readonly [RegExp, SyncClient])[] = [
  [/^OneDrive(\b|$)/i, "OneDrive"],
  [/^Dropbox(\b|$)/i, "Dropbox"],
  [/^(Google ?Drive(\b|$)|GoogleDrive-|My Drive$)/i, "Google Drive"],
  [/^(Mobile Documents|iCloud ?Drive|com~apple~CloudDocs)$/i, "iCloud Drive"],
];

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

async function scan(start: string): Promise<SyncFolder | null> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const [marker, client] of MARKERS) {
      if (await exists(path.join(dir, marker))) return { client, root: dir };
    }
    const name = path.basename(dir);
    const byName = NAMES.find(([pattern]) => pattern.test(name));
    if (byName) return { client: byName[1], root: dir };
    if (path.dirname(dir) === dir) return null;
  }
}

/** The sync client whose folder contains `dir` (which need not exist yet), or null. */
export async function findSyncFolder(dir: string): Promise<SyncFolder | null> {
  const written = path.resolve(dir);
  return (await scan(written)) ?? (await scan(await realPathOf(written)));
}
