/** An effectiveness rating (1–5) as five stars, with its value for screen readers. */
export function Stars({ rating }: { rating: number }) {
  const n = Math.max(0, Math.min(5, Math.trunc(rating)));
  return (
    <span role="img" aria-label={`Rated ${rating} of 5`} className="text-amber-500">
      {"★".repeat(n)}
      <span className="text-tremor-content-subtle">{"☆".repeat(5 - n)}</span>
    </span>
  );
}
