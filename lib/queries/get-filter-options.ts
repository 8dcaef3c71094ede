/**
 * Values offered by the filter bar: developers, projects, models and task types present in the data.
 */
import type { PortalDb } from "@/lib/db/client";
import { all } from "./scope";

/** Distinct filter values, sorted. */
export interface FilterOptions {
  developers: string[];
  projects: string[];
  models: string[];
  taskTypes: string[];
}

/** Distinct values of every filterable column (each an index-only scan). */
export function getFilterOptions({ db }: { db: PortalDb }): FilterOptions {
  const col = (sql: string) => all<{ v: string }>(db, sql).map((r) => r.v);
  return {
    developers: col("SELECT name AS v FROM developers ORDER BY name"),
    projects: col("SELECT DISTINCT project AS v FROM sessions ORDER BY 1"),
    models: col("SELECT DISTINCT model_name AS v FROM sessions ORDER BY 1"),
    taskTypes: col("SELECT DISTINCT task_type AS v FROM sessions ORDER BY 1"),
  };
}
