/** The portal's mark (a sparkle on the brand colour), decorative: the product name always stands beside it. */
export function LogoMark({ size = "md", className = "" }: { size?: "md" | "lg"; className?: string }) {
  const [box, icon] =
    size === "lg" ? ["size-12 rounded-xl shadow-tremor-card", "size-7"] : ["size-8 rounded-lg", "size-5"];
  return (
    <span
      aria-hidden="true"
      className={`${className} flex items-center justify-center bg-tremor-brand text-tremor-brand-inverted ${box}`}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className={icon}>
        <path d="M10 1a.75.75 0 0 1 .7.48l1.72 4.47 4.47 1.72a.75.75 0 0 1 0 1.4l-4.47 1.72-1.72 4.47a.75.75 0 0 1-1.4 0L7.58 10.8 3.1 9.08a.75.75 0 0 1 0-1.4L7.58 5.95 9.3 1.48A.75.75 0 0 1 10 1Zm5 11a.75.75 0 0 1 .7.48l.5 1.32 1.32.5a.75.75 0 0 1 0 1.4l-1.32.5-.5 1.32a.75.75 0 0 1-1.4 0l-.5-1.32-1.32-.5a.75.75 0 0 1 0-1.4l1.32-.5.5-1.32A.75.75 0 0 1 15 12Z" />
      </svg>
    </span>
  );
}
