"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./portal-nav";

/**
 * The way back from a not-found page: to the list the address pointed into (an unknown session → the
 * Sessions list, an unknown developer → Developers, any page added later likewise), else the overview.
 * Not-found pages get no params, so the address is read here.
 */
export function NotFoundBack() {
  const section = `/${(usePathname() ?? "/").split("/")[1] ?? ""}`;
  const item = NAV_ITEMS.find((i) => i.href === section && i.href !== "/");
  return (
    <Link
      href={item ? item.href : "/"}
      data-testid="not-found-back"
      className="mt-4 inline-block font-medium text-tremor-brand hover:underline"
    >
      {item ? `Back to ${item.label}` : "Back to the overview"}
    </Link>
  );
}
