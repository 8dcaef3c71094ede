import type { ReactNode } from "react";
import { LogoMark } from "./logo";

/**
 * The frame of the pages shown before sign-in (sign-in, set a password): logo, title, an optional line
 * under it, the card with the form, and anything after the card (`after`).
 */
export function AuthFrame({
  title,
  subtitle,
  children,
  after,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark size="lg" className="mb-4" />
          <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{title}</h1>
          {subtitle ? <p className="mt-1 text-tremor-default text-tremor-content">{subtitle}</p> : null}
        </div>
        <div className="rounded-tremor-default bg-tremor-background p-6 shadow-tremor-card ring-1 ring-tremor-ring sm:p-8">
          {children}
        </div>
        {after}
      </div>
    </main>
  );
}
