import Link from "next/link";

/** Body of the portal's not-found pages: an unknown route, developer or session (answered with 404). */
export function NotFoundPanel() {
  return (
    <section className="mx-auto mt-8 max-w-xl rounded-tremor-default border border-tremor-border bg-tremor-background p-6">
      <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">Not found</h1>
      <p className="mt-2 text-tremor-default text-tremor-content">
        No page, developer or session matches this address. It may have been renamed, or its files removed
        from the shared folder.
      </p>
      <Link href="/" className="mt-4 inline-block font-medium text-tremor-brand hover:underline">
        Back to the overview
      </Link>
    </section>
  );
}
