/** A 20×20 solid icon (Heroicons "mini" paths) in the current text colour, hidden from assistive tech. */
export function Icon({
  d,
  className = "size-4",
  evenOdd = true,
}: {
  /** The path data. */
  d: string;
  className?: string;
  /** Even-odd fill and clip rule (the Heroicons paths with holes need it). */
  evenOdd?: boolean;
}) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className={className}>
      <path d={d} {...(evenOdd ? { fillRule: "evenodd", clipRule: "evenodd" } : {})} />
    </svg>
  );
}
