/**
 * The OpenAPI 3.1 document of `/api/v1`, served at `/api/v1/openapi.json` and rendered by the portal's
 * API reference page. Parameters and request bodies are generated with zod 4's `z.toJSONSchema` from the
 * same schemas the handlers parse with (lib/api/query.ts, lib/api/schemas.ts, the push contract), so the
 * reference cannot drift from what is accepted. lib/api/openapi.test.ts validates the document with an
 * OpenAPI validator and checks that every route.ts under app/api/v1 appears with each method it exports.
 */
import { z } from "zod";
import type { Scope } from "@/lib/auth/scopes";
import { pushPayloadSchema } from "@/lib/ingest/push";
import {
  comparisonExportQuery,
  comparisonQuery,
  developersExportQuery,
  filtersExportQuery,
  filtersQuery,
  interactionsExportQuery,
  issuesExportQuery,
  noQuery,
  requestsQuery,
  sessionsExportQuery,
  shipRatesExportQuery,
  usageExportQuery,
} from "./query";
import { createdTokenResponse, tokensResponse, usersResponse } from "./responses/admin";
import { modelsResponse, projectsResponse, taskTypesResponse } from "./responses/comparison";
import { chargebackResponse, ingestResponse } from "./responses/data";
import type { ApiResponse } from "./responses/define";
import { developerResponse, developersResponse } from "./responses/developers";
import { documentResponse } from "./responses/document";
import { interactionsResponse } from "./responses/interactions";
import { issuesResponse } from "./responses/issues";
import { projectResponse } from "./responses/project";
import { requestsResponse } from "./responses/requests";
import { sessionDetailResponse, sessionsResponse } from "./responses/sessions";
import { settingsPatchSchema, settingsResponse } from "./responses/settings";
import { shipRatesResponse } from "./responses/ship-rates";
import { sourcesResponse } from "./responses/sources";
import { spendResponse } from "./responses/spend";
import { summaryResponse } from "./responses/summary";
import { usageResponse } from "./responses/usage";
import { createTokenSchema, idParamsSchema, nameParamsSchema, tokenDeleteQuery } from "./schemas";
import { sessionKeyParamsSchema } from "./session-ref";

type Method = "get" | "post" | "put" | "delete";

/** One operation of the API. */
export interface ApiOperation {
  path: string;
  method: Method;
  scope: Scope;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  pathParams?: z.ZodObject;
  body?: z.ZodType;
  /** Status of success (200 unless said). */
  status?: number;
  /** Answers ETag / Last-Modified and 304 (lib/api/etag.ts). */
  conditional?: boolean;
  /** Content type of the success body (JSON unless said). */
  produces?: string;
  /** Also answers `format=csv` (scope `export`) with the rows as text/csv. */
  csv?: boolean;
  /** The JSON success body (lib/api/responses): its schema is the document's 200 response. */
  response?: ApiResponse<never>;
}

const filtersNote = "Filters as on the pages; any unknown parameter or value is a 400.";

/** Every operation of `/api/v1`, in the reference's order. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    path: "/api/v1/summary",
    method: "get",
    scope: "read",
    summary: "Report figures, KPIs, ROI method and friction for the filters",
    description: `The Overview's figures: upstream's report (roi, outcome-weighted ROI, gaps, effectiveness, tokens), the KPIs with the previous period, the portal's ROI \`method\` and in-day \`friction\`; \`compare\` adds the compare-mode block. ${filtersNote}`,
    query: filtersQuery,
    conditional: true,
    response: summaryResponse,
  },
  {
    path: "/api/v1/developers",
    method: "get",
    scope: "read",
    summary: "Each developer's report figures",
    description: filtersNote,
    query: developersExportQuery,
    csv: true,
    conditional: true,
    response: developersResponse,
  },
  {
    path: "/api/v1/developers/{name}",
    method: "get",
    scope: "read",
    summary: "One developer's figures (the developer page: report and KPIs with the previous period)",
    description: `404 for a developer folder with no data. ${filtersNote}`,
    pathParams: nameParamsSchema,
    query: filtersQuery.omit({ developer: true }),
    conditional: true,
    response: developerResponse,
  },
  {
    path: "/api/v1/projects",
    method: "get",
    scope: "read",
    summary: "The per-project comparison table (the /projects page)",
    description: filtersNote,
    query: comparisonExportQuery,
    csv: true,
    conditional: true,
    response: projectsResponse,
  },
  {
    path: "/api/v1/models",
    method: "get",
    scope: "read",
    summary: "The per-model comparison table (the /models page)",
    description: filtersNote,
    query: comparisonExportQuery,
    csv: true,
    conditional: true,
    response: modelsResponse,
  },
  {
    path: "/api/v1/task-types",
    method: "get",
    scope: "read",
    summary: "The per-task-type comparison table (the /task-types page)",
    description: filtersNote,
    query: comparisonExportQuery,
    csv: true,
    conditional: true,
    response: taskTypesResponse,
  },
  {
    path: "/api/v1/sessions",
    method: "get",
    scope: "read",
    summary: "A page of sessions (filters, sort, pagination)",
    description: `Page size 5..200 (default 25). ${filtersNote}`,
    query: sessionsExportQuery,
    csv: true,
    conditional: true,
    response: sessionsResponse,
  },
  {
    path: "/api/v1/chargeback",
    method: "get",
    scope: "read",
    summary: "Monthly chargeback: month × developer × project (sessions, value hours, AI spend)",
    description: `Value hours = the ROI method's expected hours saved; AI spend = the developer's seat-month split by session share. \`format=csv\` (scope \`export\`) returns it as CSV, as on sessions and the comparison tables. ${filtersNote}`,
    query: filtersExportQuery,
    csv: true,
    conditional: true,
    response: chargebackResponse,
  },
  {
    path: "/api/v1/spend",
    method: "get",
    scope: "read",
    summary: "Measured AI spend: month × developer × project × model, priced per model (issue 13)",
    description: `Token usage the recorder extracted from the agents' own logs (usage.json), priced with the price table in force on each day (shipped list prices + an admin's rows). Models without a price are listed in \`unpriced_models\`, never priced at $0. \`format=csv\` (scope \`export\`) returns the lines as CSV for finance. ${filtersNote}`,
    query: filtersExportQuery,
    csv: true,
    conditional: true,
    response: spendResponse,
  },
  {
    path: "/api/v1/usage",
    method: "get",
    scope: "read",
    summary: "Raw measured usage rows (the latest version of each usage.json record), priced (issue 13)",
    description: `One row per developer, agent, conversation, model and UTC hour — what /api/v1/spend sums. \`cost_usd\` is null for a model without a price row. Task type, outcome and compare do not apply to usage (400). \`format=csv\` (scope \`export\`) returns every row as CSV. ${filtersNote}`,
    query: usageExportQuery,
    csv: true,
    conditional: true,
    response: usageResponse,
  },
  {
    path: "/api/v1/ship-rates",
    method: "get",
    scope: "read",
    summary:
      "Ship rates from git evidence per developer / project / model / task type, and self-report disagreements (issue 15)",
    description: `What sessions committed (recorded by the recorder in the developer's working tree) and whether it reached the default branch: sessions committed, decided (shipped, reverted or unmerged past the window), shipped, ship rate = shipped ÷ decided, lines shipped, median hours from session end to merge; plus the sessions reported \`success\` that never shipped and \`failed\` ones that did. \`group\` picks the rows (default developer). \`format=csv\` (scope \`export\`) returns the rows as CSV. ${filtersNote}`,
    query: shipRatesExportQuery,
    csv: true,
    conditional: true,
    response: shipRatesResponse,
  },
  {
    path: "/api/v1/sessions/{id}",
    method: "get",
    scope: "read",
    summary: "One session with its interactions, issues, code metrics and figures",
    description:
      "`id` is the portal's numeric session id (the `id` of a /api/v1/sessions row). The same body as /api/v1/sessions/{developer}/{session_id}; both are served by one catch-all route.",
    pathParams: idParamsSchema,
    query: noQuery,
    conditional: true,
    response: sessionDetailResponse,
  },
  {
    path: "/api/v1/sessions/{developer}/{session_id}",
    method: "get",
    scope: "read",
    summary: "One session by its natural key (developer folder, the tracker's session id)",
    description:
      "Session ids are unique per developer only. 404 when that developer has no such session (also for another developer's session, to a member).",
    pathParams: sessionKeyParamsSchema,
    query: noQuery,
    conditional: true,
    response: sessionDetailResponse,
  },
  {
    path: "/api/v1/projects/{name}",
    method: "get",
    scope: "read",
    summary:
      "One project's figures (the /projects/{name} page: report, KPIs, ROI method, its developers and task types)",
    description: `\`%2Fnone\` (/none) = sessions without a project, as on the pages; 404 for a project no session has. \`sort\`/\`dir\` order the two tables. ${filtersNote}`,
    pathParams: nameParamsSchema,
    query: comparisonQuery.omit({ project: true }),
    conditional: true,
    response: projectResponse,
  },
  {
    path: "/api/v1/interactions",
    method: "get",
    scope: "read",
    summary: "A page of the interactions the pages count (filters, sort, pagination)",
    description: `With no date / project / model / task / outcome filter every interaction of the developers, those whose session record is missing included (as the report counts them); otherwise the interactions of the sessions in scope. Text the recorder withheld is "" with its length in \`prompt_withheld_chars\` / \`summary_withheld_chars\`. Page size 5..200 (default 25). ${filtersNote}`,
    query: interactionsExportQuery,
    csv: true,
    conditional: true,
    response: interactionsResponse,
  },
  {
    path: "/api/v1/issues",
    method: "get",
    scope: "read",
    summary: "The Issues page's figures and a page of the issues they count (filters, sort, pagination)",
    description: `Page size 5..200 (default 25). ${filtersNote}`,
    query: issuesExportQuery,
    csv: true,
    conditional: true,
    response: issuesResponse,
  },
  {
    path: "/api/v1/requests",
    method: "get",
    scope: "read",
    summary: "Request stats (requests.json) as the Requests panel shows them",
    description:
      "Requests are not tied to sessions: only the date, developer, project and model filters apply; task, outcome or compare is a 400.",
    query: requestsQuery,
    conditional: true,
    response: requestsResponse,
  },
  {
    path: "/api/v1/sources",
    method: "get",
    scope: "read",
    summary: "Sync status of every source (folders and pushes)",
    query: noQuery,
    conditional: true,
    response: sourcesResponse,
  },
  {
    path: "/api/v1/settings",
    method: "get",
    scope: "read",
    summary: "The settings in force (ROI assumptions, method shares, stale days, session hours)",
    query: noQuery,
    conditional: true,
    response: settingsResponse,
  },
  {
    path: "/api/v1/settings",
    method: "put",
    scope: "admin",
    summary: "Change any subset of the settings (admins; the settings page's bounds)",
    description: "A value outside the settings page's bounds or an unknown key is a 400.",
    query: noQuery,
    body: settingsPatchSchema,
    response: settingsResponse,
  },
  {
    path: "/api/v1/events",
    method: "get",
    scope: "read",
    summary: "Server-sent events: one `ingest` event per ingest pass that changed data",
    produces: "text/event-stream",
  },
  {
    path: "/api/v1/ingest",
    method: "post",
    scope: "ingest",
    summary: "Push a developer's tracker files (size-limited, idempotent)",
    description: "Body above PORTAL_PUSH_MAX_MB → 413; a file the contract refuses → 400 naming it.",
    body: pushPayloadSchema,
    response: ingestResponse,
  },
  {
    path: "/api/v1/tokens",
    method: "get",
    scope: "read",
    summary: "API tokens with their owner (never the secrets): an admin's every user's, anyone else's own",
    description:
      "An admin (an admin's session, or a token with the `admin` scope) gets every user's tokens, as on Settings → API tokens, so one leaked token can be revoked without disabling its owner; any other caller gets their own.",
    response: tokensResponse,
  },
  {
    path: "/api/v1/tokens",
    method: "post",
    scope: "admin",
    summary: "Create a token owned by the caller; the clear-text token is in this response only",
    body: createTokenSchema,
    status: 201,
    response: createdTokenResponse,
  },
  {
    path: "/api/v1/tokens/{id}",
    method: "delete",
    scope: "admin",
    summary: "Revoke a token and every token it created (purge=true also deletes it); an admin any user's",
    pathParams: idParamsSchema,
    query: tokenDeleteQuery,
    status: 204,
  },
  {
    path: "/api/v1/users",
    method: "get",
    scope: "admin",
    summary: "The portal's users (admins only; never a password or a link)",
    response: usersResponse,
  },
  {
    path: "/api/v1/openapi.json",
    method: "get",
    scope: "read",
    summary: "This document",
    response: documentResponse,
  },
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
};

function parametersOf(schema: z.ZodObject, where: "query" | "path") {
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(js.properties ?? {}).map(([name, { description, ...s }]) => ({
    name,
    in: where,
    required: where === "path" || (js.required ?? []).includes(name),
    ...(description ? { description } : {}),
    schema: s,
  }));
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        issues: { description: "The zod issues of a 400 (z.flattenError)", type: "object" },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operationObject(op: ApiOperation) {
  const params = [
    ...(op.pathParams ? parametersOf(op.pathParams, "path") : []),
    ...(op.query ? parametersOf(op.query, "query") : []),
  ];
  const status = String(op.status ?? 200);
  const success =
    status === "204"
      ? { description: "Done" }
      : {
          description: "OK",
          ...(op.conditional
            ? {
                headers: {
                  ETag: { schema: { type: "string" }, description: "Weak validator of the data version" },
                  "Last-Modified": { schema: { type: "string" } },
                },
              }
            : {}),
          content: {
            [op.produces ?? "application/json"]: {
              schema: op.response
                ? jsonSchema(op.response.schema, "output")
                : op.produces
                  ? { type: "string" }
                  : { type: "object" },
            },
            ...(op.csv
              ? {
                  "text/csv": {
                    schema: {
                      type: "string",
                      description:
                        "With `format=csv` (scope `export`): RFC 4180, UTF-8, a header row, the same rows and filters as the JSON; text cells beginning with = + - @ TAB or CR are prefixed with '",
                    },
                  },
                }
              : {}),
          },
        };
  return {
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    description: `${op.description ? `${op.description}\n\n` : ""}Required scope: \`${op.scope}\`${op.csv ? " (`format=csv`: `export`)" : ""}.`,
    "x-required-scope": op.scope,
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(op.body, "input") } },
          },
        }
      : {}),
    responses: {
      [status]: success,
      ...(op.conditional
        ? {
            "304": {
              description:
                "Not modified: If-None-Match lists the current ETag (same data, settings, caller, URL and minute)",
            },
          }
        : {}),
      "400": errorResponse(
        "Invalid parameter, value or body (with the zod issues); unknown query parameters too",
      ),
      "401": errorResponse("Not signed in, or the token is invalid, expired or revoked"),
      "403": errorResponse(
        `Authenticated but not allowed (the token lacks the \`${op.scope}\` scope, or the role does not allow it)`,
      ),
      ...(op.pathParams ? { "404": errorResponse("No such resource") } : {}),
      ...(op.path === "/api/v1/ingest" ? { "413": errorResponse("Body too large") } : {}),
    },
  };
}

/** The OpenAPI 3.1 document of {@link API_OPERATIONS}. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "AI Session Tracker portal API",
      version: "1",
      description:
        "Read the team's AI session figures (the same loaders and figures as the portal's pages), push tracker files, manage tokens. Errors are `{ error: { code, message, issues? } }`. Reads answer `ETag`/`Last-Modified` and 304 on `If-None-Match`.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token (Settings → API tokens), capped by its scopes and its owner's role",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "A signed-in browser session (`__Secure-next-auth.session-token` over HTTPS); writes must be same-origin JSON",
        },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
