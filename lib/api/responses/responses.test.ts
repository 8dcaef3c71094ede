import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { ingest, makeTestEnv, placeWorkedExample, type TestEnv } from "@/test-support/queries";
import { sourcesResponse } from "./sources";

// Each response's mapping applied to a real loader's output over real ingested files, then parsed with
// its (strict) schema: a field the mapping adds, drops or mistypes against the document fails here.
describe("/api/v1 response bodies match their schemas", () => {
  let env: TestEnv;
  const nowMs = Date.UTC(2026, 2, 10);
  beforeAll(async () => {
    env = makeTestEnv();
    placeWorkedExample(env.root, "alice");
    placeWorkedExample(env.root, "bob", "payments");
    // A file the contract refuses: the sources body carries its error.
    writeFileSync(path.join(env.root, "bob", "payments", "issues.json"), "{ not json");
    await ingest(env, nowMs);
  });
  afterAll(() => env.cleanup());

  it("sources", () => {
    const body = sourcesResponse.toDto(getSourcesStatus({ db: env.db, nowMs }));
    expect(sourcesResponse.schema.parse(body)).toEqual(body);
    expect(() => sourcesResponse.schema.parse({ ...body, nowMs: body.now_ms })).toThrow(/nowMs/);
    expect(body.totals.files_with_errors).toBe(1);
    expect(body.sources.find((s) => s.developer === "bob")?.files.some((f) => f.last_error)).toBe(true);
  });
});
