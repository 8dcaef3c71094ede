/**
 * The auth matrix (issue 11), enumerated from the route tree on disk: every `app/**\/page.tsx` and every
 * method exported by `app/api/v1/**\/route.ts` (and `?format=csv` where a route offers it), asked by
 * every actor — anonymous, a member, a lead, an admin, a token of each scope, a member's token, a revoked
 * and an expired token, a disabled user's cookie and token — against the expected status. Each route
 * must have a rule in RULES: a new route fails here until someone decides who may use it. Refused pages
 * must hold no fixture data.
 *
 * Then member privacy (lib/auth/privacy.ts) on the real build: own sessions only, another developer's
 * session 404, another developer's filter 403, breakdown rows and selections of fewer than the minimum
 * group withheld, the minimum group size editable on the settings page, a member's token limited alike.
 * The oracle is SQL over the server's SQLite file, not the portal's queries.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ADMIN, FIXTURE_NOW } from "./fixture-folder";
import { expect, signIn, test } from "./fixtures";
import { disableUser } from "./fixtures/accounts";
import {
  type ActorHeaders,
  cookieOf,
  dbAll,
  insertToken,
  mapFolders,
  signedInUser,
  userIdOf,
} from "./fixtures/principals";

const ACTORS = [
  "anonymous",
  "member",
  "lead",
  "admin",
  "token:read",
  "token:export",
  "token:ingest",
  "token:admin",
  "member-token",
  "revoked-token",
  "expired-token",
  "disabled-cookie",
  "disabled-token",
] as const;
type Actor = (typeof ACTORS)[number];

/** Actors whose credentials are not (or no longer) valid: 401 on the API, the sign-in redirect on pages. */
const INVALID: readonly Actor[] = [
  "anonymous",
  "revoked-token",
  "expired-token",
  "disabled-cookie",
  "disabled-token",
];
const COOKIE_USERS: readonly Actor[] = ["member", "lead", "admin"];

/** What an actor gets from a route: an exact status (the pass status of the route, or a refusal). */
type Rule = (actor: Actor) => number;

/** GET data with scope `read`: every valid principal holding `read` (cookies and read tokens). */
const read =
  (pass = 200): Rule =>
  (a) =>
    INVALID.includes(a) ? 401 : ["token:export", "token:ingest", "token:admin"].includes(a) ? 403 : pass;
/** Scope `admin` and a role that may manage: an admin's cookie or an admin-scoped token of an admin. */
const adminOnly =
  (pass: number): Rule =>
  (a) =>
    INVALID.includes(a) ? 401 : a === "admin" || a === "token:admin" ? pass : 403;
/** Scope `ingest`: every signed-in role (sessions hold it) and ingest tokens. */
const ingest =
  (pass: number): Rule =>
  (a) =>
    INVALID.includes(a) ? 401 : COOKIE_USERS.includes(a) || a === "token:ingest" ? pass : 403;
/** `?format=csv` (scope `export`): signed-in users by role, export tokens and the member's token. */
const csv: Rule = (a) =>
  INVALID.includes(a) ? 401 : [...COOKIE_USERS, "token:export", "member-token"].includes(a) ? 200 : 403;
/** A page of the portal: the sign-in redirect (307) without a valid session cookie (a token is not one). */
const page =
  (pass = 200): Rule =>
  (a) =>
    COOKIE_USERS.includes(a) ? pass : 307;

/** A request of the matrix: the body a write sends (chosen so a pass changes nothing that matters). */
interface RouteRule {
  rule: Rule;
  body?: unknown;
}

/**
 * Every route and page, by its pattern on disk. The default for a data read is `read()`; a new route still
 * needs its line here (the spec fails naming it), so nobody ships a route without deciding who may use it.
 */
const RULES: Record<string, RouteRule> = {
  // Pages.
  "PAGE /": { rule: page() },
  "PAGE /developers": { rule: page() },
  "PAGE /developers/[developer]": { rule: page() },
  "PAGE /issues": { rule: page() },
  "PAGE /models": { rule: page() },
  "PAGE /models/[name]": { rule: page() },
  "PAGE /projects": { rule: page() },
  "PAGE /projects/[name]": { rule: page() },
  "PAGE /sessions": { rule: page() },
  "PAGE /sessions/[id]": { rule: page() },
  "PAGE /sources": { rule: page() },
  "PAGE /spend": { rule: page() },
  "PAGE /shipped": { rule: page() },
  "PAGE /api-reference": { rule: page() },
  "PAGE /task-types": { rule: page() },
  "PAGE /settings": { rule: page() },
  // Users: only an admin; others get the portal's 404 (the page does not exist for them).
  "PAGE /users": { rule: (a) => (a === "admin" ? 200 : COOKIE_USERS.includes(a) ? 404 : 307) },
  // Signed in → on to the portal; everyone else sees the form.
  "PAGE /login": { rule: (a) => (COOKIE_USERS.includes(a) ? 307 : 200) },
  // An unknown link: the "invalid or used link" page, for anyone.
  "PAGE /invite/[token]": { rule: () => 200 },
  // API.
  "GET /api/v1/chargeback": { rule: read() },
  "GET /api/v1/developers": { rule: read() },
  "GET /api/v1/developers/[name]": { rule: read() },
  "GET /api/v1/events": { rule: read() },
  "POST /api/v1/ingest": { rule: ingest(400), body: {} },
  "GET /api/v1/interactions": { rule: read() },
  "GET /api/v1/issues": { rule: read() },
  "GET /api/v1/models": { rule: read() },
  "GET /api/v1/openapi.json": { rule: read() },
  "GET /api/v1/projects": { rule: read() },
  "GET /api/v1/projects/[name]": { rule: read() },
  "GET /api/v1/requests": { rule: read() },
  "GET /api/v1/sessions": { rule: read() },
  "GET /api/v1/sessions/[...ref]": { rule: read() },
  "GET /api/v1/settings": { rule: read() },
  "PUT /api/v1/settings": { rule: adminOnly(200), body: {} },
  "GET /api/v1/sources": { rule: read() },
  "GET /api/v1/spend": { rule: read() },
  "GET /api/v1/usage": { rule: read() },
  "GET /api/v1/ship-rates": { rule: read() },
  "GET /api/v1/summary": { rule: read() },
  "GET /api/v1/task-types": { rule: read() },
  "GET /api/v1/tokens": { rule: read() },
  "POST /api/v1/tokens": { rule: adminOnly(201), body: { name: "matrix probe" } },
  // A token id nobody has: an admin gets past auth to "not yours" (404).
  "DELETE /api/v1/tokens/[id]": { rule: adminOnly(404) },
  "GET /api/v1/users": { rule: adminOnly(200) },
  // CSV of every route that offers it (found by its `wantsCsv` call).
  "CSV /api/v1/chargeback": { rule: csv },
  "CSV /api/v1/developers": { rule: csv },
  "CSV /api/v1/interactions": { rule: csv },
  "CSV /api/v1/issues": { rule: csv },
  "CSV /api/v1/models": { rule: csv },
  "CSV /api/v1/projects": { rule: csv },
  "CSV /api/v1/requests": { rule: csv },
  "CSV /api/v1/sessions": { rule: csv },
  "CSV /api/v1/spend": { rule: csv },
  "CSV /api/v1/usage": { rule: csv },
  "CSV /api/v1/ship-rates": { rule: csv },
  "CSV /api/v1/task-types": { rule: csv },
};

/** Route patterns of `dir` (route groups dropped), with the files holding them. */
function walk(dir: string, file: string): { pattern: string; file: string }[] {
  const out: { pattern: string; file: string }[] = [];
  const go = (d: string, segs: string[]) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) go(p, /^\(.*\)$/.test(e.name) ? segs : [...segs, e.name]);
      else if (e.name === file) out.push({ pattern: `/${segs.join("/")}`, file: p });
    }
  };
  go(path.resolve(dir), []);
  return out;
}

/** "PAGE /x" for every page and "METHOD /api/v1/x" for every method a route file exports. */
function routeTree(): string[] {
  const pages = walk("app", "page.tsx").map((p) => `PAGE ${p.pattern}`);
  const api = walk("app/api/v1", "route.ts").flatMap(({ pattern, file }) => {
    const src = readFileSync(file, "utf8");
    const methods = new Set<string>();
    for (const m of src.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g))
      methods.add(m[1] ?? "");
    for (const m of src.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g)) methods.add(m[1] ?? "");
    for (const m of src.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g))
      methods.add(m[1] ?? "");
    expect(methods.size, `${file} exports no method`).toBeGreaterThan(0);
    const route = `/api/v1${pattern === "/" ? "" : pattern}`;
    const csvToo = /\bwantsCsv\(/.test(src) ? [`CSV ${route}`] : [];
    return [...[...methods].map((m) => `${m} ${route}`), ...csvToo];
  });
  return [...pages, ...api].sort();
}

interface World {
  actors: Record<Actor, ActorHeaders>;
  /** The member's folder, another developer, the member's session (row id + name), another's session. */
  own: string;
  other: string;
  ownSession: { id: number; name: string };
  otherSession: { id: number; name: string };
  project: string;
  model: string;
}

/** Values for dynamic segments, by the folder the segment sits in (all of them the member may see). */
function fill(pattern: string, w: World): string {
  const value: Record<string, string> = {
    developers: w.own,
    sessions: String(w.ownSession.id),
    projects: w.project,
    models: w.model,
    tokens: "999999999",
    invite: "not-a-real-invite-token",
  };
  const parts = pattern.split("/");
  return parts
    .map((p, i) => {
      if (!/^\[.*\]$/.test(p)) return p;
      const v = value[parts[i - 1] ?? ""];
      if (v === undefined) throw new Error(`no value for ${p} in ${pattern}: add one to fill()`);
      return encodeURIComponent(v);
    })
    .join("/");
}

/** Developers (besides `own`) with a session in the project / model, from the DB. */
const othersIn = async (col: "project" | "model_name", value: string, own: string) =>
  (
    await dbAll<{ n: number }>(
      `SELECT count(DISTINCT d.name) AS n FROM sessions s JOIN developers d ON d.id = s.developer_id
      WHERE s.${col} = ? AND d.name <> ?`,
      value,
      own,
    )
  )[0]?.n ?? 0;

let world: World;
let baseURL: string;

test.beforeAll(async ({ playwright }, testInfo) => {
  baseURL = String(testInfo.project.use.baseURL);
  const ctx = () => playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const [own, other] = (
    await dbAll<{ name: string }>(
      "SELECT name FROM developers WHERE name IN (SELECT d.name FROM sessions s JOIN developers d ON d.id = s.developer_id) ORDER BY name LIMIT 2",
    )
  ).map((r) => r.name);
  if (!own || !other) throw new Error("the fixture needs two developers with sessions");
  const sessionOf = async (dev: string) => {
    const r = (
      await dbAll<{ id: number; name: string }>(
        `SELECT s.id, s.session_name AS name FROM sessions s JOIN developers d ON d.id = s.developer_id
        WHERE d.name = ? AND length(s.session_name) > 8 ORDER BY s.id LIMIT 1`,
        dev,
      )
    )[0];
    if (!r) throw new Error(`no named session of ${dev}`);
    return r;
  };
  // The project and model with the most developers: selections the member may see (checked below).
  const widest = async (col: "project" | "model_name") =>
    (
      await dbAll<{ v: string }>(
        `SELECT ${col} AS v FROM sessions WHERE ${col} <> '' GROUP BY ${col} ORDER BY count(DISTINCT developer_id) DESC, ${col} LIMIT 1`,
      )
    )[0]?.v ?? "";
  const member = await signedInUser(await ctx(), "member", "member");
  await mapFolders(member.id, [own]);
  const lead = await signedInUser(await ctx(), "lead", "lead");
  const disabled = await signedInUser(await ctx(), "lead", "disabled");
  const adminId = await userIdOf(ADMIN.email);
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
  const actors: Record<Actor, ActorHeaders> = {
    anonymous: {},
    member: member.headers,
    lead: lead.headers,
    admin: await cookieOf(await ctx(), ADMIN),
    "token:read": bearer(await insertToken(adminId, ["read"])),
    "token:export": bearer(await insertToken(adminId, ["export"])),
    "token:ingest": bearer(await insertToken(adminId, ["ingest"])),
    "token:admin": bearer(await insertToken(adminId, ["admin"])),
    "member-token": bearer(await insertToken(member.id, ["read", "export"])),
    "revoked-token": bearer(
      await insertToken(adminId, ["read", "export", "ingest", "admin"], { revoked: true }),
    ),
    "expired-token": bearer(
      await insertToken(adminId, ["read", "export", "ingest", "admin"], { expiresMs: Date.now() - 1000 }),
    ),
    "disabled-cookie": disabled.headers,
    "disabled-token": bearer(await insertToken(disabled.id, ["read", "export", "ingest"])),
  };
  await disableUser(disabled.id);
  world = {
    actors,
    own,
    other,
    ownSession: await sessionOf(own),
    otherSession: await sessionOf(other),
    project: await widest("project"),
    model: await widest("model_name"),
  };
  // The dynamic pages the matrix opens as the member are selections of enough people (default group 3).
  expect(await othersIn("project", world.project, own)).toBeGreaterThanOrEqual(3);
  expect(await othersIn("model_name", world.model, own)).toBeGreaterThanOrEqual(3);
});

/** One request as `actor`; resolves at the response head (the body is read only when `body` is set). */
async function ask(
  actor: Actor,
  method: string,
  url: string,
  opts: { body?: unknown; readBody?: boolean } = {},
): Promise<{ status: number; location: string; text: string }> {
  const headers: Record<string, string> = { ...world.actors[actor] };
  if (method !== "GET") headers.Origin = new URL(baseURL).origin;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const controller = new AbortController();
  const res = await fetch(new URL(url, baseURL), {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    redirect: "manual",
    signal: controller.signal,
  });
  const text = opts.readBody === false ? "" : await res.text();
  controller.abort();
  return { status: res.status, location: res.headers.get("location") ?? "", text };
}

test("every page and API route has a rule, and every actor gets exactly it", async () => {
  test.setTimeout(300_000);
  const tree = routeTree();
  const missing = tree.filter((r) => !RULES[r]);
  expect(missing, "routes without a rule in RULES (decide who may use them)").toEqual([]);
  expect(tree.length).toBeGreaterThanOrEqual(30);

  const failures: string[] = [];
  for (const route of tree) {
    const spec = RULES[route];
    if (!spec) continue;
    const [method = "GET", pattern = "/"] = route.split(" ");
    const isPage = method === "PAGE";
    const query =
      method === "CSV"
        ? "?range=all&format=csv"
        : isPage && !pattern.startsWith("/invite") && !pattern.startsWith("/login")
          ? "?range=all"
          : "";
    const url = `${fill(pattern, world)}${query}`;
    const stream = pattern === "/api/v1/events";
    await Promise.all(
      ACTORS.map(async (actor) => {
        const want = spec.rule(actor);
        const got = await ask(actor, isPage || method === "CSV" ? "GET" : method, url, {
          body: spec.body,
          readBody: !(stream && want === 200),
        });
        if (got.status !== want) failures.push(`${route} as ${actor}: ${got.status}, expected ${want}`);
        if (isPage && want === 307) {
          if (pattern !== "/login" && !got.location.includes("/login"))
            failures.push(`${route} as ${actor}: redirect to ${got.location}, expected /login`);
          for (const s of [world.ownSession, world.otherSession]) {
            if (got.text.includes(s.name))
              failures.push(`${route} as ${actor}: the redirect body holds data`);
          }
        }
      }),
    );
  }
  expect(failures).toEqual([]);
});

test.describe("member privacy", () => {
  test("a member sees their own sessions in full and nobody else's", async () => {
    const own = (
      await dbAll<{ n: number }>(
        "SELECT count(*) AS n FROM sessions s JOIN developers d ON d.id = s.developer_id WHERE d.name = ?",
        world.own,
      )
    )[0]?.n;
    for (const actor of ["member", "member-token"] as const) {
      const list = await ask(actor, "GET", "/api/v1/sessions?range=all&pageSize=200");
      expect(list.status, actor).toBe(200);
      const body = JSON.parse(list.text);
      expect(body.total, actor).toBe(own);
      const devs = new Set(body.rows.map((r: { developer: string }) => r.developer));
      expect([...devs], actor).toEqual([world.own]);
      // The CSV export obeys the same scope.
      const csv = await ask(actor, "GET", "/api/v1/sessions?range=all&format=csv");
      expect(csv.status, actor).toBe(200);
      expect(csv.text, actor).toContain(world.own);
      expect(csv.text, actor).not.toContain(world.otherSession.name);
    }
    // Own session: in full (interactions included); another developer's: 404 (as if it did not exist).
    const mine = await ask("member", "GET", `/api/v1/sessions/${world.ownSession.id}`);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(JSON.parse(mine.text))).toContain(world.ownSession.name);
    const theirs = await ask("member", "GET", `/api/v1/sessions/${world.otherSession.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain(world.otherSession.name);
    const missing = await ask("member", "GET", "/api/v1/sessions/999999999");
    expect(JSON.parse(theirs.text)).toEqual(JSON.parse(missing.text));
    const page = await ask("member", "GET", `/sessions/${world.otherSession.id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain(world.otherSession.name);
    // A lead sees it.
    expect((await ask("lead", "GET", `/api/v1/sessions/${world.otherSession.id}`)).status).toBe(200);
    // The sessions page lists the member's own sessions only.
    const sessionsPage = await ask("member", "GET", "/sessions?range=all&pageSize=200");
    expect(sessionsPage.status).toBe(200);
    expect(sessionsPage.text).not.toContain(world.otherSession.name);
  });

  test("a filter on another developer is refused; their pages do not exist for a member", async () => {
    for (const actor of ["member", "member-token"] as const) {
      for (const api of [
        `/api/v1/summary?range=all&developer=${world.other}`,
        `/api/v1/sessions?range=all&developer=${world.other}`,
        `/api/v1/projects?range=all&developer=${world.other}`,
      ]) {
        const res = await ask(actor, "GET", api);
        expect(res.status, `${actor} ${api}`).toBe(403);
        expect(res.text).not.toContain(world.otherSession.name);
      }
      expect((await ask(actor, "GET", `/api/v1/developers/${world.other}?range=all`)).status).toBe(404);
      expect((await ask(actor, "GET", `/api/v1/summary?range=all&developer=${world.own}`)).status).toBe(200);
    }
    // The overview filtered on another developer shows none of their figures.
    const overview = await ask("member", "GET", `/?range=all&developer=${world.other}`);
    expect(overview.status).toBe(404);
    expect(overview.text).not.toContain(world.otherSession.name);
    const devPage = await ask("member", "GET", `/developers/${world.other}?range=all`);
    expect(devPage.status).toBe(404);
    expect(devPage.text).not.toContain(world.otherSession.name);
    // The lead may.
    expect((await ask("lead", "GET", `/api/v1/summary?range=all&developer=${world.other}`)).status).toBe(200);
    expect((await ask("lead", "GET", `/developers/${world.other}?range=all`)).status).toBe(200);
  });

  test("breakdown rows of fewer than the minimum group are withheld, with a marker", async () => {
    // The per-developer table: the member's own row only.
    const devs = JSON.parse((await ask("member", "GET", "/api/v1/developers?range=all")).text);
    expect(devs.developers.map((r: { developer: string }) => r.developer)).toEqual([world.own]);
    const devCount =
      (await dbAll<{ n: number }>("SELECT count(DISTINCT developer_id) AS n FROM sessions"))[0]?.n ?? 0;
    const reason = "withheld (fewer than 3 people)";
    expect(devs.withheld).toEqual({ rows: devCount - 1, min_group_size: 3, reason });
    expect(JSON.parse((await ask("lead", "GET", "/api/v1/developers?range=all")).text).withheld).toBeNull();
    // Projects: a row is shown when it is the member's own or has ≥ 3 other developers (SQL oracle).
    const oracle = await dbAll<{ project: string; others: number; mine: number }>(
      `SELECT s.project AS project,
              count(DISTINCT CASE WHEN d.name <> ? THEN d.name END) AS others,
              max(CASE WHEN d.name = ? THEN 1 ELSE 0 END) AS mine
         FROM sessions s JOIN developers d ON d.id = s.developer_id GROUP BY s.project`,
      world.own,
      world.own,
    );
    const allowed = oracle.filter((r) => r.others === 0 || r.others >= 3).map((r) => r.project);
    const withheld = oracle.length - allowed.length;
    const memberRows = JSON.parse((await ask("member", "GET", "/api/v1/projects?range=all")).text);
    const leadRows = JSON.parse((await ask("lead", "GET", "/api/v1/projects?range=all")).text);
    const keyOf = (r: { project: string }) => r.project;
    expect(leadRows.rows.length).toBe(oracle.length);
    expect(leadRows.withheld).toBeNull();
    expect(memberRows.rows.map(keyOf).sort()).toEqual([...allowed].sort());
    expect(withheld, "the fixture has a project of too few other developers").toBeGreaterThan(0);
    expect(memberRows.withheld).toEqual({ rows: withheld, min_group_size: 3, reason });
    const projectsPage = await ask("member", "GET", "/projects?range=all");
    expect(projectsPage.status).toBe(200);
    expect(projectsPage.text).toContain(reason);
    const leadPage = await ask("lead", "GET", "/projects?range=all");
    expect(leadPage.text).not.toContain("withheld (fewer than");
    // A time bucket is a row too: the Overview's daily trend (last 30 days) withholds the days with one or
    // two other people and marks them; the lead's has no such marker.
    const thinDays = (
      await dbAll<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT s.start_ms / 86400000 AS day,
              count(DISTINCT CASE WHEN d.name <> ? THEN d.name END) AS others
         FROM sessions s JOIN developers d ON d.id = s.developer_id
        WHERE s.start_ms >= ? AND s.start_ms < ? GROUP BY 1) WHERE others BETWEEN 1 AND 2`,
        world.own,
        Date.parse(FIXTURE_NOW) - 30 * 86_400_000,
        Date.parse(FIXTURE_NOW),
      )
    )[0]?.n;
    expect(thinDays).toBeGreaterThan(0);
    const overview = await ask("member", "GET", "/");
    expect(overview.text.replaceAll("<!-- -->", "")).toContain(`${thinDays} days ${reason}`);
    expect((await ask("lead", "GET", "/")).text).not.toContain("withheld (fewer than");
    // A selection of a small project (the member and two others: subtracting their own part would show a
    // pair): withheld for the member (403 with the reason; a 404 page), shown to the lead.
    const small = oracle.find((r) => r.others > 0 && r.others < 3);
    expect(small, "the fixture has a project of fewer than 3 other developers").toBeDefined();
    const project = encodeURIComponent(small?.project || "/none");
    const q = `/api/v1/summary?range=all&project=${project}`;
    const res = await ask("member", "GET", q);
    expect(res.status).toBe(403);
    expect(res.text).toContain(reason);
    expect((await ask("lead", "GET", q)).status).toBe(200);
    const smallPage = await ask("member", "GET", `/projects/${project}?range=all`);
    expect(smallPage.status).toBe(404);
    expect((await ask("lead", "GET", `/projects/${project}?range=all`)).status).toBe(200);
  });

  test("the minimum group size is an admin setting: raising it withholds the team view from a member", async ({
    browser,
  }) => {
    const others =
      (
        await dbAll<{ n: number }>(
          "SELECT count(DISTINCT d.name) AS n FROM sessions s JOIN developers d ON d.id = s.developer_id WHERE d.name <> ?",
          world.own,
        )
      )[0]?.n ?? 0;
    expect((await ask("member", "GET", "/api/v1/summary?range=all")).status).toBe(200);
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const p = await context.newPage();
    await signIn(p);
    const save = async (n: number) => {
      await p.goto("/settings");
      const form = p.getByRole("form", { name: "Sync status" });
      await form.getByLabel("Members see other people only in groups of at least").fill(String(n));
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expect(form.getByText("Saved.")).toBeVisible();
    };
    try {
      await save(others + 1);
      const res = await ask("member", "GET", "/api/v1/summary?range=all");
      expect(res.status).toBe(403);
      expect(res.text).toContain(`withheld (fewer than ${others + 1} people)`);
      expect((await ask("member-token", "GET", "/api/v1/summary?range=all")).status).toBe(403);
      expect((await ask("lead", "GET", "/api/v1/summary?range=all")).status).toBe(200);
      // The member's own view stays.
      expect((await ask("member", "GET", `/api/v1/summary?range=all&developer=${world.own}`)).status).toBe(
        200,
      );
    } finally {
      await save(3);
      await context.close();
    }
    expect((await ask("member", "GET", "/api/v1/summary?range=all")).status).toBe(200);
  });
});
