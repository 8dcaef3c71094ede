import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const API_ROOT = path.join(import.meta.dirname, "../../app/api/v1");

/** Every route.ts under app/api/v1 as [OpenAPI path, exported HTTP methods]. */
function routeTree(dir = API_ROOT): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeTree(full));
    else if (entry.name === "route.ts") {
      const rel = path.relative(API_ROOT, dir).split(path.sep).join("/");
      const apiPath = `/api/v1/${rel}`.replace(/\[([^\]]+)\]/g, "{$1}");
      const methods = [
        ...readFileSync(full, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => String(m[1]).toLowerCase());
      out.push([apiPath, methods]);
    }
  }
  return out;
}

describe("/api/v1 OpenAPI document", () => {
  const doc = openApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route.ts under app/api/v1 with each method it exports, and nothing else", () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    // A catch-all folder (`[...ref]`) serves each documented path with one or more segments under it.
    const tree = routeTree().flatMap(([p, methods]): [string, string[]][] => {
      const at = p.indexOf("/{...");
      if (at < 0) return [[p, methods]];
      const under = Object.keys(paths).filter((d) => d.startsWith(`${p.slice(0, at)}/{`));
      expect(under.length, `${p} documents its paths`).toBeGreaterThan(0);
      return under.map((d) => [d, methods]);
    });
    expect(tree.length).toBeGreaterThan(10);
    for (const [p, methods] of tree) {
      expect(methods.length, `${p} exports a method`).toBeGreaterThan(0);
      expect(Object.keys(paths[p] ?? {}).sort(), p).toEqual([...methods].sort());
    }
    expect(Object.keys(paths).sort()).toEqual(tree.map(([p]) => p).sort());
  });

  it("names the security schemes and each operation's required scope", () => {
    const components = doc.components as { securitySchemes: Record<string, { type: string }> };
    expect(components.securitySchemes.bearerToken?.type).toBe("http");
    expect(components.securitySchemes.sessionCookie?.type).toBe("apiKey");
    for (const ops of Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const op of Object.values(ops)) {
        expect(["read", "export", "ingest", "admin"]).toContain(op["x-required-scope"]);
        expect(op.description).toContain(`Required scope: \`${op["x-required-scope"]}\``);
      }
    }
  });

  it("gives every operation its success response's schema (JSON from lib/api/responses)", () => {
    for (const [p, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>>,
    )) {
      for (const [m, op] of Object.entries(ops)) {
        const [status, success] = Object.entries(op.responses).find(([code]) => code.startsWith("2")) ?? [];
        expect(success, `${m} ${p}`).toBeDefined();
        if (status === "204") continue;
        const content = success?.content as Record<string, { schema: Record<string, unknown> }>;
        expect(Object.keys(content).length, `${m} ${p}`).toBeGreaterThan(0);
        for (const [type, { schema }] of Object.entries(content)) {
          if (type !== "application/json") continue;
          // A described body: named properties, not the bare `{ type: object }` of an undocumented one.
          expect(Object.keys(schema.properties ?? {}).length, `${m} ${p}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("documents format=csv (text/csv, scope export) on each resource that exports CSV, and only there", () => {
    const paths = doc.paths as Record<
      string,
      Record<string, { parameters?: { name: string; schema: unknown }[]; responses: Record<string, unknown> }>
    >;
    const csvRoutes = routeTree()
      .filter(([, methods]) => methods.includes("get"))
      .map(([p]) => p)
      .filter((p) => {
        const file = path.join(
          API_ROOT,
          p.replace(/^\/api\/v1\//, "").replace(/\{([^}]+)\}/g, "[$1]"),
          "route.ts",
        );
        return readFileSync(file, "utf8").includes("csvExport(");
      });
    expect(csvRoutes).toEqual(expect.arrayContaining(["/api/v1/sessions", "/api/v1/chargeback"]));
    for (const [p, ops] of Object.entries(paths)) {
      const get = ops.get;
      if (!get) continue;
      const format = get.parameters?.find((x) => x.name === "format");
      const ok = get.responses["200"] as { content?: Record<string, unknown> } | undefined;
      if (csvRoutes.includes(p)) {
        expect(format?.schema, p).toMatchObject({ enum: ["json", "csv"] });
        expect(
          get.parameters?.some((x) => x.name === "excel"),
          p,
        ).toBe(true);
        expect(Object.keys(ok?.content ?? {}), p).toEqual(["application/json", "text/csv"]);
        expect(JSON.stringify(get), p).toContain("`export`");
      } else {
        expect(format, p).toBeUndefined();
        expect(Object.keys(ok?.content ?? {}), p).not.toContain("text/csv");
      }
    }
  });

  it("names every field of every JSON response in snake_case", () => {
    const bad: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (Array.isArray(schema)) {
        for (const [i, s] of schema.entries()) walk(s, `${at}[${i}]`);
      } else if (schema && typeof schema === "object") {
        for (const [k, v] of Object.entries(schema)) {
          if (k === "properties" && v && typeof v === "object") {
            for (const [name, sub] of Object.entries(v)) {
              if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) bad.push(`${at}.${name}`);
              walk(sub, `${at}.${name}`);
            }
          } else walk(v, at);
        }
      }
    };
    for (const [p, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: unknown }>>,
    )) {
      for (const [m, op] of Object.entries(ops)) walk(op.responses, `${m} ${p}`);
    }
    expect(bad).toEqual([]);
  });

  it("documents strict query parameters from the handlers' schemas", () => {
    const get = (doc.paths as Record<string, { get: { parameters: { name: string; schema: unknown }[] } }>)[
      "/api/v1/sessions"
    ]?.get;
    const pageSize = get?.parameters.find((p) => p.name === "pageSize");
    expect(pageSize?.schema).toEqual({ type: "integer", minimum: 5, maximum: 200 });
    const range = get?.parameters.find((p) => p.name === "range");
    expect(range?.schema).toMatchObject({ enum: ["7d", "30d", "90d", "all", "custom"] });
  });
});
