import { displayText, LIST_TEXT_MAX } from "@/lib/display-text";

/**
 * A name or text from the shared folder (developer, project, model, session name): cut to `max`
 * characters (`null` = whole text, detail views), controls shown as markers (lib/display-text.ts) and
 * isolated in `<bdi>` so a right-to-left or overriding name cannot reorder the text around it.
 */
export function UserText({
  text,
  max = LIST_TEXT_MAX,
  className,
}: {
  text: string;
  max?: number | null;
  className?: string;
}) {
  return <bdi className={className}>{displayText(text, max)}</bdi>;
}
