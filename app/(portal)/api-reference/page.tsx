import type { Metadata } from "next";
import { ApiReference } from "@/app/_components/api-reference";
import { PageHeader } from "@/app/_components/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { requireUser } from "@/lib/server/auth";

export const metadata: Metadata = { title: "API reference" };

/**
 * The `/api/v1` reference for signed-in users: the OpenAPI document of lib/api/openapi.ts (the one
 * `/api/v1/openapi.json` serves), rendered by Swagger UI.
 */
export default async function ApiReferencePage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Call <code>/api/v1</code> with a token from Settings → API tokens (
            <code>Authorization: Bearer …</code>). The document is also at{" "}
            <a className="text-tremor-brand underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            ; “Try it out” sends read requests as you, signed in.
          </>
        }
      />
      <ApiReference spec={openApiDocument()} />
    </>
  );
}
