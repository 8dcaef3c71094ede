import Link from "next/link";
import type { ReactNode } from "react";
import { Suspense } from "react";
import { DisplayNamesProvider } from "@/app/_components/developer-name";
import { LiveRefresh } from "@/app/_components/live-refresh";
import { LogoMark } from "@/app/_components/logo";
import { PortalNav } from "@/app/_components/portal-nav";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { ThemeToggle } from "@/app/_components/theme-toggle";
import { can } from "@/lib/auth/roles";
import { getDisplayNames } from "@/lib/display-names";
import { requireUser } from "@/lib/server/auth";
import { getStore } from "@/lib/server/data";

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2.5 rounded-md font-semibold text-tremor-content-strong">
      <LogoMark />
      <span className="text-tremor-default leading-tight">
        AI Session Tracker
        <span className="block text-tremor-label font-normal text-tremor-content">Team portal</span>
      </span>
    </Link>
  );
}

/** The authenticated shell: navigation, user menu, live refresh; each page renders into `<main>`. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const footer = (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2 px-3">
        <div className="min-w-0">
          <p className="truncate text-tremor-default font-medium text-tremor-content-strong">{user.name}</p>
          <p className="truncate text-tremor-label text-tremor-content" data-testid="current-user">
            {user.email}
          </p>
        </div>
        <ThemeToggle />
      </div>
      <SignOutButton />
    </div>
  );
  return (
    <DisplayNamesProvider names={await getDisplayNames({ db: await getStore() })}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-tremor-brand px-4 py-2 text-tremor-brand-inverted focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <Suspense
        fallback={<div className="h-14 border-b border-tremor-border bg-tremor-background lg:hidden" />}
      >
        <PortalNav brand={<Brand />} footer={footer} usersAdmin={can(user.role, "users:manage")} />
      </Suspense>
      <div className="lg:pl-60">
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8"
        >
          {children}
        </main>
      </div>
      <LiveRefresh />
    </DisplayNamesProvider>
  );
}
