import { NotFoundPanel } from "@/app/_components/not-found-panel";

/** `notFound()` from a portal page (unknown developer or session): rendered inside the portal shell. */
export default function NotFound() {
  return <NotFoundPanel />;
}
