"use client";

import { RouteError } from "@/app/_components/widgets/route-error";

export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RouteError error={error} reset={reset} what="this session" />;
}
