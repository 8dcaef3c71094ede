import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/app/_components/page-header";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { SourcesList } from "@/app/_components/widgets/sources-list";
import { portalNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Sources" };

/** Sources (sync status): every folder holding tracker files, so a lead sees whose sync is broken. */
export default async function SourcesPage() {
  const nowMs = portalNow();
  return (
    <>
      <PageHeader
        title="Sources"
        description="Every folder of the shared root that holds tracker files: when it last changed, when it was ingested, what could not be read."
      />
      <Suspense fallback={<TableSkeleton />}>
        <SourcesList nowMs={nowMs} />
      </Suspense>
    </>
  );
}
