import type { Metadata } from "next";
import { NotFoundPanel } from "./_components/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

/** Unknown routes (Next answers 404). */
export default function NotFound() {
  return (
    <main className="px-4 py-12">
      <NotFoundPanel />
    </main>
  );
}
