/**
 * Page object of the dashboard pages: KPI values, the filter bar, drill-down links.
 */
import { expect, type Locator, type Page } from "@playwright/test";
import type { RoiMetrics } from "ai-session-tracker-mcp/stats";
import { compact, compactHours, compactUsd, fixed, pct } from "../../app/_components/format";

/** KPI test ids and the text each shows for a report (same formatting as the page: compact from 10,000 on). */
export function expectedKpiTexts(roi: RoiMetrics, sessions: number): Record<string, string> {
  return {
    sessions: compact(sessions),
    completed: compact(roi.time_metrics.completed_sessions),
    "ai-hours": compactHours(roi.time_metrics.total_ai_hours),
    "human-hours": compactHours(roi.time_metrics.estimated_human_hours),
    "time-saved": compactHours(roi.time_metrics.time_saved_hours),
    "cost-saved": compactUsd(roi.cost_metrics.cost_saved),
    roi: pct(roi.cost_metrics.roi_percentage),
    multiplier: `${fixed(roi.cost_metrics.productivity_multiplier, 1)}×`,
    effectiveness: `${fixed(roi.productivity_metrics.average_effectiveness, 2)} / 5`,
  };
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  /** Opens a dashboard path (with a query string) and waits for its heading. */
  async open(pathAndQuery: string, heading: string | RegExp): Promise<void> {
    await this.page.goto(pathAndQuery);
    await expect(this.page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }

  kpi(id: string): Locator {
    return this.page.getByTestId(`kpi-${id}-value`);
  }

  /** Asserts every KPI shows exactly the expected text. */
  async expectKpis(expected: Record<string, string>): Promise<void> {
    for (const [id, text] of Object.entries(expected)) {
      await expect(this.kpi(id), `KPI ${id}`).toHaveText(text);
    }
  }

  /** The filter bar. */
  bar(): Locator {
    return this.page.getByRole("search", { name: "Dashboard filters" });
  }

  /** Picks a value in one of the filter bar's selects (by its label). */
  async filter(
    label: "Date range" | "Developer" | "Project" | "Model" | "Task type" | "Outcome",
    value: string,
  ) {
    await this.bar().getByLabel(label).selectOption(value);
  }
}
