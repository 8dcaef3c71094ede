/**
 * Deterministic team-folder generator: N developers × M sessions × K interactions in the upstream file
 * layout, spread over the `days` before `now`, in both layouts (`<root>/<dev>/` and
 * `<root>/<dev>/<project>/`), with switchable mess (conflict copies of each sync tool holding diverged
 * overlapping data, a truncated file, stray files and folders, a `.credentials.json`, legacy-shape files,
 * a symlinked folder, equal session ids across developers).
 *
 * The returned manifest holds, per developer, the de-duplicated truth (raw records exactly as written)
 * that a correct ingest must end up with — tests feed it through the contract and the stats package.
 *
 * CLI: `npx tsx scripts/make-team-folder.ts <root> [--seed 1] [--developers 6] [--sessions 120]
 *       [--interactions 4] [--now ISO] [--mess demo|all|none|onedrive,dropbox,...]`
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { usageRecordsOf } from "./team-folder-usage";

/** Kinds of mess the generator can add. */
export type MessKind =
  | "onedrive"
  | "dropbox"
  | "syncthing"
  | "truncated"
  | "stray"
  | "empty"
  | "credentials"
  | "legacy"
  | "symlink"
  | "sameIds";

/** Every mess kind. */
export const ALL_MESS: readonly MessKind[] = [
  "onedrive",
  "dropbox",
  "syncthing",
  "truncated",
  "stray",
  "empty",
  "credentials",
  "legacy",
  "symlink",
  "sameIds",
];

/** Options of {@link makeTeamFolder}. */
export interface TeamFolderOptions {
  /** Folder to create (emptied first). */
  root: string;
  seed?: number;
  developers?: number;
  sessionsPerDeveloper?: number;
  interactionsPerSession?: number;
  /** End of the spread (ISO or Date); sessions start within `days` before it. */
  now?: string | Date;
  days?: number;
  /** Mess to add; default none. */
  mess?: readonly MessKind[];
  /** `JSON.stringify` indent; upstream writes 2. */
  indent?: number;
  /** Also a usage.json per developer (scripts/team-folder-usage.ts); default false. */
  usage?: boolean;
}

type Raw = Record<string, unknown>;

/** Expected de-duplicated content of one developer folder. */
export interface DeveloperTruth {
  name: string;
  /** Sessions by id (raw, as written in the winning file). */
  sessions: Record<string, Raw>;
  interactions: Raw[];
  issues: Raw[];
  requests: Raw[];
}

/** What was generated. */
export interface TeamFolderManifest {
  root: string;
  /** Folder outside the root targeted by the symlink mess (null without it). */
  externalDir: string | null;
  developers: DeveloperTruth[];
  /** Files written (relative to root), tracker files and mess alike. */
  files: string[];
  /** Relative paths of files that must fail to parse (truncated). */
  brokenFiles: string[];
  /** Relative paths of conflict copies written. */
  conflictCopies: string[];
}

/** Small, fast, seedable PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "mallory",
  "niaj",
];
const PROJECTS = ["payments-api", "web-app", "data-pipeline", "mobile", "infra"];
const TASKS = [
  "code_generation",
  "debugging",
  "refactoring",
  "testing",
  "documentation",
  "analysis",
  "architecture_planning",
  "planning",
  "human_review",
];
const MODELS = ["claude-sonnet-4-20250514", "gpt-4.1", "claude-opus-4", "gemini-2.5-pro"];
const VERBS = [
  "Add",
  "Fix",
  "Refactor",
  "Test",
  "Document",
  "Review",
  "Debug",
  "Plan",
  "Speed up",
  "Clean up",
];
const THINGS = [
  "auth middleware",
  "webhook retry",
  "billing export",
  "search index",
  "CSV import",
  "rate limiter",
];
const TOOLS = ["read_file", "replace_string_in_file", "run_in_terminal", "grep_search", "create_file"];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Upstream ISO: `2026-03-02T09:00:00.123456+00:00` (microseconds omitted when 0). */
function iso(ms: number, micros = 0): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const us = (d.getUTCMilliseconds() * 1000 + micros) % 1_000_000;
  return `${base}${us ? `.${pad(us, 6)}` : ""}+00:00`;
}

/** Upstream session id: `<name lowercased, spaces/hyphens → _, [:30]>_<YYYYmmdd_HHMMSS>`. */
function sessionIdOf(name: string, ms: number): string {
  const d = new Date(ms);
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `${name.toLowerCase().replace(/[ -]/g, "_").slice(0, 30)}_${stamp}`;
}

interface GenSession {
  raw: Raw;
  interactions: Raw[];
  issues: Raw[];
  /** Folder (relative to the developer folder) the session is written to. */
  folder: string;
}

interface GenDeveloper {
  name: string;
  legacy: boolean;
  folders: string[];
  sessions: GenSession[];
  requests: { raw: Raw; folder: string }[];
}

/**
 * Writes a team folder under `options.root` (emptied first) and returns its manifest. Same options →
 * byte-identical files.
 */
export function makeTeamFolder(options: TeamFolderOptions): TeamFolderManifest {
  const rand = mulberry32(options.seed ?? 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const nDev = options.developers ?? 6;
  const nSess = options.sessionsPerDeveloper ?? 120;
  const nInt = options.interactionsPerSession ?? 4;
  const nowMs = new Date(options.now ?? "2026-06-01T00:00:00Z").getTime();
  const days = options.days ?? 90;
  const mess = new Set(options.mess ?? []);
  const indent = options.indent ?? 2;
  const root = path.resolve(options.root);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });

  const manifest: TeamFolderManifest = {
    root,
    externalDir: null,
    developers: [],
    files: [],
    brokenFiles: [],
    conflictCopies: [],
  };
  const write = (rel: string, content: string) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    manifest.files.push(rel);
  };
  const json = (v: unknown) => JSON.stringify(v, null, indent);

  // ---- generate the truth -------------------------------------------------------------------------
  const devs: GenDeveloper[] = [];
  for (let d = 0; d < nDev; d++) {
    const name = nDev <= FIRST.length ? (FIRST[d] as string) : `dev${pad(d, 3)}`;
    // Legacy mess: the last developer writes the pre-2026-02-20 shape (no developer/project fields).
    const legacy = mess.has("legacy") && d === nDev - 1 && nDev > 1;
    // Even developers write flat, odd ones one folder per project (both layouts of the issue).
    const folders =
      d % 2 === 0
        ? [""]
        : PROJECTS.slice(0, 2 + (d % 3)).map((p) => (nDev > 20 ? p : p)) /* project folders */;
    const dev: GenDeveloper = { name, legacy, folders, sessions: [], requests: [] };
    const spanMs = days * 86_400_000;
    const starts: number[] = [];
    for (let i = 0; i < nSess; i++) starts.push(nowMs - spanMs + Math.floor(rand() * (spanMs - 3_600_000)));
    starts.sort((a, b) => a - b);
    for (let i = 0; i < nSess; i++) {
      // Whole seconds for the start: ids carry second resolution and must not collide within a developer.
      const startMs = Math.floor((starts[i] as number) / 1000) * 1000 + i;
      const durationMin = int(5, 150);
      const active = i === nSess - 1 || i % 37 === 36;
      const endMs = startMs + durationMin * 60_000;
      const task = pick(TASKS);
      const nameText = `${pick(VERBS)} ${pick(THINGS)} ${i}`;
      const folder = dev.folders[i % dev.folders.length] as string;
      const project = folder !== "" ? folder : pick(PROJECTS);
      const id = sessionIdOf(nameText, startMs);
      const initial = int(1, 16) * 15;
      const r = rand();
      const finalEst = active ? null : r < 0.4 ? null : r < 0.5 ? 0 : int(2, 16) * 15;
      const interactions: Raw[] = [];
      let ratingSum = 0;
      for (let k = 0; k < nInt; k++) {
        const ts = startMs + Math.floor(((k + 1) / (nInt + 1)) * durationMin * 60_000);
        const rating = int(1, 5);
        ratingSum += rating;
        const base: Raw = {
          session_id: id,
          timestamp: iso(ts, int(0, 999)),
          prompt: `Step ${k + 1}: ${nameText.toLowerCase()} — please handle the edge cases in module ${int(1, 40)}`,
          response_summary: `Changed ${int(1, 9)} files, added ${int(1, 30)} tests`,
          effectiveness_rating: rating,
          iteration_count: int(1, 4),
          tools_used: [pick(TOOLS), pick(TOOLS)],
        };
        if (!legacy) {
          const tin = int(500, 20_000);
          const rate = Math.round(rand() * 10_000) / 10_000;
          const cached = Math.floor(tin * rate);
          Object.assign(base, {
            tokens_in: tin,
            tokens_out: int(100, 3000),
            cache_hit_rate: rate,
            cached_tokens: cached,
            new_tokens: tin - cached,
            context_pct: Math.round(rand() * 10_000) / 100,
          });
        }
        interactions.push(base);
      }
      const issues: Raw[] = [];
      if (i % 7 === 3) {
        issues.push({
          session_id: id,
          timestamp: iso(startMs + 60_000),
          issue_type: pick(["hallucination", "incorrect_output", "wrong_approach"]),
          description: `Issue in ${nameText}`,
          severity: pick(["low", "medium", "high", "critical"]),
          resolved: false,
          resolution_notes: "",
        });
      }
      const codeMetrics =
        i % 10 === 5
          ? [
              {
                file_path: `src/${project}/module_${i}.py`,
                timestamp: iso(endMs - 30_000),
                functions: Array.from({ length: int(1, 3) }, (_, f) => {
                  const added = int(0, 40);
                  const cx = int(1, 12);
                  const type = f === 0 ? "added" : "modified";
                  return {
                    function_name: `fn_${i}_${f}`,
                    modification_type: type,
                    ai_contribution: {
                      lines_added: added,
                      lines_modified: int(0, 10),
                      lines_deleted: int(0, 5),
                      complexity_added: type === "added" ? cx : 0,
                    },
                    context: { final_complexity: cx, cognitive_load: type === "added" ? 0 : cx },
                    documentation: {
                      has_docstring: f === 0,
                      quality_score: f === 0 ? 60 : 0,
                      has_type_hints: true,
                    },
                    value_metrics: { effort_score: added },
                  };
                }),
              },
            ]
          : [];
      // The closing fields both record layouts share, spread where each layout lists them (key order and
      // the order of the seeded draws stay as they were).
      const closing = () => ({
        end_time: active ? null : iso(endMs),
        outcome: active ? null : pick(["success", "success", "partial", "failed"]),
        notes: "",
        total_interactions: nInt,
        avg_effectiveness: nInt ? Math.round((ratingSum / nInt) * 100) / 100 : 0,
        code_metrics: codeMetrics,
      });
      const raw: Raw = legacy
        ? {
            id,
            session_name: nameText,
            task_type: task,
            context: "",
            start_time: iso(startMs),
            model_name: pick(MODELS),
            human_time_estimate_minutes: initial,
            estimate_source: "manual",
            status: active ? "active" : "completed",
            ...closing(),
          }
        : {
            id,
            session_name: nameText,
            task_type: task,
            context: `Ticket ${project.toUpperCase()}-${int(1, 999)}`,
            start_time: iso(startMs),
            model_name: pick(MODELS),
            initial_estimate_minutes: initial,
            estimate_source: pick(["manual", "issue_tracker", "historical"]),
            final_estimate_minutes: finalEst,
            status: active ? "active" : "completed",
            execution_context: "foreground",
            ...closing(),
            developer: name,
            project,
          };
      dev.sessions.push({ raw, interactions, issues, folder });
    }
    if (!legacy) {
      for (let q = 0; q < Math.max(1, Math.floor(nSess / 10)); q++) {
        const ts = nowMs - Math.floor(rand() * spanMs);
        const hex = () =>
          Math.floor(rand() * 0xffffffff)
            .toString(16)
            .padStart(8, "0");
        const folder = dev.folders[q % dev.folders.length] as string;
        dev.requests.push({
          folder,
          raw: {
            id: `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`,
            timestamp: iso(ts),
            model: pick(MODELS),
            type: pick(["coding", "planning", "review", "debug", "general"]),
            tokens_in: int(100, 9000),
            tokens_out: int(50, 2000),
            cache_hit_rate: Math.round(rand() * 10_000) / 10_000,
            cached_tokens: int(0, 5000),
            new_tokens: int(0, 5000),
            context_pct: Math.round(rand() * 10_000) / 100,
            note: "",
            project: folder || pick(PROJECTS),
            developer: name,
          },
        });
      }
    }
    devs.push(dev);
  }
  // Same session ids across developers must never merge: give developer 1 developer 0's first id.
  if (mess.has("sameIds") && devs.length > 1) {
    const a = devs[0]?.sessions[0];
    const b = devs[1]?.sessions[0];
    if (a && b) {
      const oldId = b.raw.id;
      b.raw.id = a.raw.id;
      for (const x of [...b.interactions, ...b.issues]) if (x.session_id === oldId) x.session_id = a.raw.id;
    }
  }

  // ---- write the primary files ---------------------------------------------------------------------
  const devDir = (dev: GenDeveloper, folder: string) => (folder === "" ? dev.name : `${dev.name}/${folder}`);
  const writeFolder = (
    rel: string,
    sessions: readonly GenSession[],
    requests: readonly Raw[] | null,
    suffix = (base: string) => `${base}.json`,
    sessionRaw: (s: GenSession) => Raw = (s) => s.raw,
    interactionsOf: (s: GenSession) => Raw[] = (s) => s.interactions,
  ) => {
    const map: Record<string, Raw> = {};
    for (const s of sessions) map[String(s.raw.id)] = sessionRaw(s);
    write(`${rel}/${suffix("sessions")}`, json(map));
    write(`${rel}/${suffix("interactions")}`, json(sessions.flatMap(interactionsOf)));
    write(`${rel}/${suffix("issues")}`, json(sessions.flatMap((s) => s.issues)));
    if (requests) write(`${rel}/${suffix("requests")}`, json(requests));
  };

  // Conflict-copy plans: developer index → [copy kind, file-name suffix].
  const copyPlans: { kind: MessKind; dev: number; suffix: (b: string) => string }[] = [];
  if (mess.has("onedrive"))
    copyPlans.push({ kind: "onedrive", dev: 0, suffix: (b) => `${b}-LAPTOP-7QK2.json` });
  if (mess.has("dropbox"))
    copyPlans.push({
      kind: "dropbox",
      dev: 1,
      suffix: (b) => `${b} (Jane Doe's conflicted copy 2026-05-30).json`,
    });
  if (mess.has("syncthing"))
    copyPlans.push({
      kind: "syncthing",
      dev: 2,
      suffix: (b) => `${b}.sync-conflict-20260530-101500-ABCDEF1.json`,
    });

  // Degraded versions a losing copy holds: still active, or ended earlier with fewer interactions.
  const activeVersion = (s: GenSession): Raw => ({
    ...s.raw,
    status: "active",
    end_time: null,
    outcome: null,
    final_estimate_minutes: null,
    total_interactions: Math.floor(s.interactions.length / 2),
  });
  const earlierVersion = (s: GenSession): Raw => {
    const start = Date.parse(String(s.raw.start_time));
    const end = Date.parse(String(s.raw.end_time ?? s.raw.start_time));
    return {
      ...s.raw,
      status: "completed",
      end_time: iso(start + Math.floor((end - start) / 2)),
      outcome: "partial",
      notes: "[Auto-closed: new session started]",
      total_interactions: Math.floor(s.interactions.length / 2),
    };
  };
  const halfInteractions = (s: GenSession) => s.interactions.slice(0, Math.ceil(s.interactions.length / 2));

  for (let d = 0; d < devs.length; d++) {
    const dev = devs[d] as GenDeveloper;
    const plan = copyPlans.find((p) => p.dev === d);
    for (const folder of dev.folders) {
      const inFolder = dev.sessions.filter((s) => s.folder === folder);
      const reqs = dev.legacy ? null : dev.requests.filter((r) => r.folder === folder).map((r) => r.raw);
      const rel = devDir(dev, folder);
      if (!plan || folder !== dev.folders[0]) {
        writeFolder(rel, inFolder, reqs);
        continue;
      }
      // Diverged overlap: sessions [0, a) only primary, [a, b) in both (one side degraded), [b, n) only copy.
      const n = inFolder.length;
      const a = Math.floor(n * 0.5);
      const b = Math.floor(n * 0.8);
      const onlyPrimary = inFolder.slice(0, a);
      const both = inFolder.slice(a, b);
      const onlyCopy = inFolder.slice(b);
      const completedOverlap = new Set(both.filter((s) => s.raw.status === "completed"));
      const degraded = (s: GenSession) =>
        !completedOverlap.has(s) ? s.raw : plan.kind === "syncthing" ? earlierVersion(s) : activeVersion(s);
      const degradedInteractions = (s: GenSession) =>
        completedOverlap.has(s) ? halfInteractions(s) : s.interactions;
      // OneDrive and Syncthing: the copy holds the complete versions; Dropbox: the primary does.
      const copyWins = plan.kind !== "dropbox";
      writeFolder(
        rel,
        [...onlyPrimary, ...both],
        reqs,
        undefined,
        (s) => (copyWins ? degraded(s) : s.raw),
        (s) => (copyWins ? degradedInteractions(s) : s.interactions),
      );
      writeFolder(
        rel,
        [...both, ...onlyCopy],
        reqs,
        plan.suffix,
        (s) => (copyWins ? s.raw : degraded(s)),
        (s) => (copyWins ? s.interactions : degradedInteractions(s)),
      );
      for (const base of ["sessions", "interactions", "issues", ...(reqs ? ["requests"] : [])]) {
        manifest.conflictCopies.push(`${rel}/${plan.suffix(base)}`);
      }
    }
  }

  // ---- more mess ----------------------------------------------------------------------------------
  // Each kind of mess writes its own small, literal session records (alike in shape by design).
  if (mess.has("truncated") && devs.length > 0) {
    // A second machine of developer 3 (or the last) mid-sync: its files are cut off, their sessions unique.
    const dev = devs[Math.min(3, devs.length - 1)] as GenDeveloper;
    const rel = `${dev.name}/old-laptop`;
    const ghost: Record<string, Raw> = {};
    const ghostInteractions: Raw[] = [];
    for (let i = 0; i < 3; i++) {
      const startMs = nowMs - (i + 2) * 86_400_000;
      const id = sessionIdOf(`Ghost session ${i}`, startMs);
      // A whole record per special case, written out like the linked-project ones below: each case is read on its own.
      ghost[id] = {
        id,
        session_name: `Ghost session ${i}`,
        task_type: "debugging",
        start_time: iso(startMs),
        end_time: iso(startMs + 1_800_000),
        status: "completed",
        initial_estimate_minutes: 600,
        model_name: "gpt-4.1",
      };
      ghostInteractions.push({
        session_id: id,
        timestamp: iso(startMs + 60_000),
        prompt: "x",
        effectiveness_rating: 5,
      });
    }
    const s = json(ghost);
    const it = json(ghostInteractions);
    write(`${rel}/sessions.json`, s.slice(0, Math.floor(s.length * 0.6)));
    write(`${rel}/interactions.json`, it.slice(0, Math.floor(it.length * 0.5)));
    manifest.brokenFiles.push(`${rel}/sessions.json`, `${rel}/interactions.json`);
  }
  if (mess.has("stray") && devs.length > 0) {
    const dev = devs[0] as GenDeveloper;
    write("README.txt", "Team tracker folder. Do not edit.\n");
    write(`${dev.name}/notes.md`, "# notes\n");
    // Backups and temp files with tracker-looking content must not be read.
    write(
      `${dev.name}/sessions.json.bak`,
      json({ stray_backup_20260101_000000: { id: "stray", status: "completed" } }),
    );
    write(`${dev.name}/.sessions.json.tmp-4242`, "{");
    write(`${dev.name}/sessions.old.json`, json({}));
    write(`${dev.name}/desktop.ini`, "[.ShellClassInfo]\n");
    write(`${dev.name}/.DS_Store`, "\u0000\u0000\u0000\u0001Bud1");
    write("Thumbs.db", "\u0000");
    write(".git/config", "[core]\n");
    write(`${dev.name}/charts/.keep`, "");
  }
  if (mess.has("credentials") && devs.length > 0) {
    write(`${(devs[0] as GenDeveloper).name}/.credentials.json`, json({ token: "sk-never-read-this" }));
    write(".credentials.json", json({ token: "sk-never-read-this-either" }));
  }
  if (mess.has("empty")) {
    mkdirSync(path.join(root, "zz-empty-developer"), { recursive: true });
    if (devs.length > 0)
      mkdirSync(path.join(root, (devs[0] as GenDeveloper).name, "empty-project"), { recursive: true });
  }
  if (mess.has("symlink") && devs.length > 0) {
    // One project of the last developer lives outside the root and is linked in; plus a loop and an up-link.
    const dev = devs[Math.min(5, devs.length - 1)] as GenDeveloper;
    const external = `${root}.external`;
    rmSync(external, { recursive: true, force: true });
    const target = path.join(external, `${dev.name}-linked-project`);
    mkdirSync(target, { recursive: true });
    manifest.externalDir = external;
    const linked: GenSession[] = [];
    const base = nowMs - 10 * 86_400_000;
    for (let i = 0; i < 4; i++) {
      const startMs = base + i * 7_200_000;
      const id = sessionIdOf(`Linked work ${i}`, startMs);
      const gen: GenSession = {
        folder: "linked-project",
        raw: {
          id,
          session_name: `Linked work ${i}`,
          task_type: "code_generation",
          start_time: iso(startMs),
          end_time: iso(startMs + 2_400_000),
          status: "completed",
          outcome: "success",
          initial_estimate_minutes: 90,
          final_estimate_minutes: 120,
          model_name: "claude-opus-4",
          developer: dev.name,
          project: "linked-project",
        },
        interactions: [
          {
            session_id: id,
            timestamp: iso(startMs + 600_000),
            prompt: `linked ${i}`,
            effectiveness_rating: 4,
          },
        ],
        issues: [],
      };
      linked.push(gen);
      dev.sessions.push(gen);
    }
    const map: Record<string, Raw> = {};
    for (const s of linked) map[String(s.raw.id)] = s.raw;
    writeFileSync(path.join(target, "sessions.json"), json(map));
    writeFileSync(path.join(target, "interactions.json"), json(linked.flatMap((s) => s.interactions)));
    symlinkSync(target, path.join(root, dev.name, "linked-project"), "dir");
    symlinkSync(path.join(root, dev.name), path.join(root, dev.name, "loop"), "dir");
    symlinkSync(root, path.join(root, dev.name, "up"), "dir");
    manifest.files.push(
      `${dev.name}/linked-project/sessions.json`,
      `${dev.name}/linked-project/interactions.json`,
    );
  }

  if (options.usage) {
    // Its own PRNG: the files above stay byte-identical with or without usage.
    const usageRand = mulberry32((options.seed ?? 1) ^ 0x5e5e);
    for (const dev of devs) {
      if (dev.legacy) continue;
      const spans = dev.sessions.map((s) => {
        const startMs = Date.parse(String(s.raw.start_time));
        const end = s.raw.end_time ? Date.parse(String(s.raw.end_time)) : startMs + 1_800_000;
        return { id: String(s.raw.id), project: String(s.raw.project ?? s.folder), startMs, endMs: end };
      });
      write(`${dev.name}/usage.json`, json(usageRecordsOf(spans, usageRand)));
    }
  }

  for (const dev of devs) {
    const sessions: Record<string, Raw> = {};
    for (const s of dev.sessions) sessions[String(s.raw.id)] = s.raw;
    manifest.developers.push({
      name: dev.name,
      sessions,
      interactions: dev.sessions.flatMap((s) => s.interactions),
      issues: dev.sessions.flatMap((s) => s.issues),
      requests: dev.requests.map((r) => r.raw),
    });
  }
  return manifest;
}

function parseArgs(argv: string[]): TeamFolderOptions {
  const [root, ...rest] = argv;
  if (!root || root.startsWith("--")) {
    throw new Error(
      "usage: make-team-folder <root> [--seed N] [--developers N] [--sessions N] [--interactions N] [--now ISO] [--usage 1] [--mess demo|all|none|a,b]",
    );
  }
  const opts: TeamFolderOptions = { root };
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i];
    const value = rest[i + 1] ?? "";
    if (key === "--seed") opts.seed = Number(value);
    else if (key === "--developers") opts.developers = Number(value);
    else if (key === "--sessions") opts.sessionsPerDeveloper = Number(value);
    else if (key === "--interactions") opts.interactionsPerSession = Number(value);
    else if (key === "--now") opts.now = value;
    else if (key === "--days") opts.days = Number(value);
    else if (key === "--usage") opts.usage = value === "1";
    else if (key === "--mess") {
      if (value === "all") opts.mess = ALL_MESS;
      else if (value === "demo") opts.mess = DEMO_MESS;
      else if (value === "none") opts.mess = [];
      else
        opts.mess = value
          .split(",")
          .filter((m): m is MessKind => (ALL_MESS as readonly string[]).includes(m));
    } else throw new Error(`unknown option ${key}`);
  }
  return opts;
}

/** Mess of the demo folder (`npm start` later): one conflict copy and one broken file. */
export const DEMO_MESS: readonly MessKind[] = ["onedrive", "truncated", "stray", "credentials"];

/** Demo data set: ~6 developers, several projects, 90 days, a conflict copy and a broken file. */
export function makeDemoFolder(root: string, now: string | Date = new Date()): TeamFolderManifest {
  return makeTeamFolder({
    root,
    seed: 42,
    developers: 6,
    sessionsPerDeveloper: 150,
    interactionsPerSession: 5,
    now,
    mess: DEMO_MESS,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const opts = parseArgs(process.argv.slice(2));
  // Unspecified options take the demo data set's values.
  const m = makeTeamFolder({
    seed: 42,
    developers: 6,
    sessionsPerDeveloper: 150,
    interactionsPerSession: 5,
    ...opts,
    mess: opts.mess ?? DEMO_MESS,
  });
  const sessions = m.developers.reduce((n, d) => n + Object.keys(d.sessions).length, 0);
  process.stderr.write(
    `wrote ${m.files.length} files for ${m.developers.length} developers (${sessions} sessions) under ${m.root}\n`,
  );
}
