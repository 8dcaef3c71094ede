/**
 * Which file names the ingest reads: the tracker's four files and the conflict copies sync tools make
 * of them. Everything else below the root (credentials, notes, backups, temp files) is never opened.
 */
import type { CopyKind, TrackerKind } from "@/lib/db/schema";

/** The four tracker kinds, in ingest order (sessions first so a session's rows arrive together). */
export const TRACKER_KINDS: readonly TrackerKind[] = [
  "sessions",
  "interactions",
  "issues",
  "requests",
  "usage", // the recorder's measured token usage (issue 13), not an upstream file
];

/** A recognised tracker file name. */
export interface TrackerFileName {
  kind: TrackerKind;
  copyKind: CopyKind;
  /** Base name of the original ("sessions.json") for a conflict copy, else null. */
  copyOf: string | null;
  /** Machine / user / device label carried by the copy's name, when there is one. */
  label: string | null;
}

/** Files some OS or sync client drops everywhere; never tracker data. */
export const SYSTEM_FILE_NAMES: ReadonlySet<string> = new Set([
  "desktop.ini",
  ".ds_store",
  "thumbs.db",
  "ehthumbs.db",
  ".dropbox",
  ".dropbox.attr",
  "icon\r",
]);

const KIND_ALT = "(sessions|interactions|issues|requests|usage)";
// OneDrive keeps both versions by appending the machine name: `sessions-LAPTOP-42.json`.
const ONEDRIVE = new RegExp(`^${KIND_ALT}-([^/\\\\]+)\\.json$`);
// Dropbox: `sessions (Jane's conflicted copy 2026-03-02).json`, sometimes with ` (1)` suffixes inside.
const DROPBOX = new RegExp(`^${KIND_ALT} \\((.+?)'s conflicted copy (.+)\\)\\.json$`, "i");
// Syncthing: `sessions.sync-conflict-20260302-101500-ABCDEF1.json`.
const SYNCTHING = new RegExp(`^${KIND_ALT}\\.sync-conflict-(\\d{8})-(\\d{6})-([A-Za-z0-9]+)\\.json$`);
// Google Drive / macOS Finder duplicates: `sessions (1).json`.
const NUMBERED = new RegExp(`^${KIND_ALT} \\((\\d+)\\)\\.json$`);
const PRIMARY = new RegExp(`^${KIND_ALT}\\.json$`);

/**
 * Classifies a file's base name. Returns null for anything that is not a tracker file or one of its
 * conflict copies (the caller must then never read it).
 */
export function classifyFileName(name: string): TrackerFileName | null {
  // Quick reject before five regexes: every tracker name ends in .json and starts with s, i, r or u.
  if (!name.endsWith(".json")) return null;
  const c = name.charCodeAt(0);
  if (c !== 115 && c !== 105 && c !== 114 && c !== 117) return null;
  let m = PRIMARY.exec(name);
  if (m) return { kind: toKind(m[1]), copyKind: "primary", copyOf: null, label: null };
  m = SYNCTHING.exec(name);
  if (m) return copy(m[1], "syncthing", m[4] ?? null);
  m = DROPBOX.exec(name);
  if (m) return copy(m[1], "dropbox", m[2] ?? null);
  m = NUMBERED.exec(name);
  if (m) return copy(m[1], "numbered", m[2] ?? null);
  m = ONEDRIVE.exec(name);
  if (m) return copy(m[1], "onedrive", m[2] ?? null);
  return null;
}

function toKind(s: string | undefined): TrackerKind {
  const kind = TRACKER_KINDS.find((k) => k === s);
  // Unreachable: every pattern captures one of the four names.
  if (!kind) throw new Error(`not a tracker kind: ${s}`);
  return kind;
}

function copy(kind: string | undefined, copyKind: CopyKind, label: string | null): TrackerFileName {
  const k = toKind(kind);
  return { kind: k, copyKind, copyOf: `${k}.json`, label };
}

/** True for OS/sync-client litter that must be skipped silently. */
export function isSystemFileName(name: string): boolean {
  return SYSTEM_FILE_NAMES.has(name.toLowerCase());
}
