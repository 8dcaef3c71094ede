/**
 * Bench-only clock of the portal server's process (bench/portal.ts, "clock moved"): loaded with
 * `node --import` into the bench's own `next start` child, never by the app. Time starts at
 * BENCH_CLOCK_START and runs at the real pace; each SIGUSR2 moves it one minute later. So the bench can
 * show the server a later minute with unchanged data — what the first viewer of each minute meets with the
 * real clock, which a pinned PORTAL_NOW hides. Without BENCH_CLOCK_START it does nothing.
 */
const start = Date.parse(process.env.BENCH_CLOCK_START ?? "");
if (Number.isFinite(start)) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  let offset = start - realNow();
  const now = () => realNow() + offset;
  // A Proxy rather than a subclass: `Date()` called without `new` keeps working (a class throws).
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, prop, receiver) => (prop === "now" ? now : Reflect.get(target, prop, receiver)),
  });
  process.on("SIGUSR2", () => {
    offset += 60_000;
  });
}
