import { type ReactNode, Suspense } from "react";
import type { DashboardScope } from "@/lib/server/dashboards";
import { EffectivenessWidget } from "./effectiveness-widget";
import { GapsWidget } from "./gaps-widget";
import { IssuesWidget } from "./issues-widget";
import { KpiGrid } from "./kpi-grid";
import { OutcomesWidget } from "./outcomes-widget";
import { RequestsWidget } from "./requests-widget";
import { RoiMethodWidget } from "./roi-method-widget";
import { RoiWidget } from "./roi-widget";
import { KpiSkeleton, WidgetSkeleton } from "./skeletons";
import { TaskTypeWidget } from "./task-type-widget";
import { TokensWidget } from "./tokens-widget";
import { TrendWidget } from "./trend-widget";

/**
 * The report a dashboard page shows for one scope: the portal method's headline (return per dollar with
 * receipts), KPI cards, trend and ROI, then every breakdown panel.
 * `children` go between the headline charts and the breakdowns (a developer's recent sessions).
 * Each widget streams on its own behind a skeleton.
 */
export function ReportPanels({ scope, children }: { scope: DashboardScope; children?: ReactNode }) {
  // One <Suspense> per widget (each streams on its own): the repeated wrappers are deliberate.
  return (
    <div className="flex flex-col gap-4">
      <Suspense fallback={<WidgetSkeleton height="h-48" />}>
        <RoiMethodWidget scope={scope} />
      </Suspense>
      <Suspense fallback={<KpiSkeleton />}>
        <KpiGrid scope={scope} />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton height="h-80" />}>
          <TrendWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton height="h-80" />}>
          <RoiWidget scope={scope} />
        </Suspense>
      </div>
      {children}
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton />}>
          <TaskTypeWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <OutcomesWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <EffectivenessWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <GapsWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <IssuesWidget scope={scope} />
        </Suspense>
        <div className="grid gap-4">
          <Suspense fallback={<WidgetSkeleton height="h-24" />}>
            <TokensWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton height="h-24" />}>
            <RequestsWidget scope={scope} />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
