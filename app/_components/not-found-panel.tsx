import { NotFoundBack } from "./not-found-back";

/**
 * Body of the portal's not-found pages (answered with 404): an unknown route, developer, session,
 * project or model, with a link back to the list the address pointed into.
 */
export function NotFoundPanel() {
  return (
    <section className="mx-auto mt-8 max-w-xl rounded-tremor-default border border-tremor-border bg-tremor-background p-6">
      <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">Not found</h1>
      <p className="mt-2 text-tremor-default text-tremor-content">
        Nothing matches this address. It may have been renamed, or its files removed from the shared folder.
      </p>
      <NotFoundBack />
    </section>
  );
}
