"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { DisplayNames } from "@/lib/display-names";
import { UserText } from "./user-text";

const DisplayNamesContext = createContext<DisplayNames>({});

/** Makes the admins' display names (folder → person) available to every {@link DeveloperName} below. */
export function DisplayNamesProvider({ names, children }: { names: DisplayNames; children: ReactNode }) {
  return <DisplayNamesContext.Provider value={names}>{children}</DisplayNamesContext.Provider>;
}

/**
 * A developer as people read it: the display name set on the Users page (folder `bob` shown as "Bob
 * Smith", the folder name in the tooltip), else the folder name. The one place a developer is rendered.
 */
export function DeveloperName({
  folder,
  max,
  className,
}: {
  folder: string;
  max?: number | null;
  className?: string;
}) {
  const shown = useContext(DisplayNamesContext)[folder];
  if (!shown) return <UserText text={folder} max={max} className={className} />;
  return (
    <span title={folder} data-folder={folder}>
      <UserText text={shown} max={max} className={className} />
    </span>
  );
}
