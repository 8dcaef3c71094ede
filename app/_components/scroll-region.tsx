import type { ReactNode } from "react";

/**
 * A box whose content may be wider than the page allows (a table): it scrolls sideways inside itself,
 * never the page, shows a shadow on the side with more content (`.scroll-hint` in app/globals.css) and
 * can be focused and scrolled with the keyboard. `label` names the region for assistive technology.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      className={`scroll-hint overflow-x-auto ${className}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard
      tabIndex={0}
    >
      {children}
    </section>
  );
}
