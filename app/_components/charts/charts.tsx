"use client";

/**
 * Client chart leaves (Tremor/recharts need the browser). Server widgets pass data and a format name —
 * functions cannot cross the server/client boundary — and a screen-reader table sits beside each chart.
 * Each leaf wraps one Tremor chart with the same house defaults (no animation, a labelled frame), so
 * the wrappers look alike on purpose.
 */
import { AreaChart, BarChart, DonutChart, type EventProps, SparkAreaChart } from "@tremor/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { hours, int, pct, usd, usdShort } from "@/app/_components/format";

/** Number formats a chart can use. */
export type ChartFormat = "int" | "hours" | "usd" | "usdShort" | "pct" | "fixed1";

const FORMATS: Record<ChartFormat, (v: number) => string> = {
  int,
  hours,
  usd,
  usdShort,
  pct: (v) => pct(v, 1),
  fixed1: (v) => (Math.round(v * 10) / 10).toString(),
};

type Row = Record<string, string | number>;

/** The props every Tremor chart here takes alike: its data and series, the value format, its size, no animation, no Tremor legend (ChartFrame draws one). */
function seriesProps(p: {
  data: Row[];
  index: string;
  categories: string[];
  colors: string[];
  format: ChartFormat;
  className: string;
}) {
  return {
    data: p.data,
    index: p.index,
    categories: p.categories,
    colors: p.colors,
    valueFormatter: FORMATS[p.format],
    className: p.className,
    showAnimation: false,
    showLegend: false,
  };
}

/** Dot colour of each chart colour name (literal classes, so Tailwind generates them). */
const DOT: Record<string, string> = {
  blue: "bg-blue-500",
  emerald: "bg-emerald-500",
  amber: "bg-amber-500",
  rose: "bg-rose-500",
  violet: "bg-violet-500",
  cyan: "bg-cyan-500",
  orange: "bg-orange-500",
  gray: "bg-gray-400",
};

/**
 * The legend of a chart with several series, as a plain list outside the hidden chart (Tremor's own
 * legend is a focusable scroller inside it, which a hidden subtree must not hold).
 */
function Legend({ categories, colors }: { categories: string[]; colors: string[] }) {
  if (categories.length < 2) return null;
  return (
    <ul className="mb-2 flex flex-wrap justify-end gap-x-3 gap-y-1 text-tremor-label text-tremor-content">
      {categories.map((c, i) => (
        <li key={c} className="inline-flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`size-2 rounded-full ${DOT[colors[i] ?? ""] ?? "bg-gray-400"}`}
          />
          {c}
        </li>
      ))}
    </ul>
  );
}

/**
 * Keeps every element inside `ref` out of the tab order: recharts makes a pie's sectors a tab stop
 * (`tabindex="0"`), and a subtree hidden from assistive technology must hold no focusable element.
 * Recharts draws after measuring its box, so a MutationObserver catches what it adds later.
 */
function useNoTabStops(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const untab = () => {
      for (const el of root.querySelectorAll('[tabindex]:not([tabindex="-1"]), a[href], button')) {
        el.setAttribute("tabindex", "-1");
      }
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["tabindex"],
    });
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * The frame of every chart: one `role="img"` named by `label` (its numbers are in the widget's table or
 * list). The chart inside is hidden from assistive technology — recharts' SVG parts and Tremor's legend
 * would otherwise be read as unnamed images and malformed lists.
 */
function ChartFrame({
  label,
  className,
  drill,
  legend,
  children,
}: {
  label: string;
  className?: string;
  drill?: boolean;
  legend?: { categories: string[]; colors: string[] };
  children: React.ReactNode;
}) {
  const hidden = useRef<HTMLDivElement>(null);
  useNoTabStops(hidden);
  return (
    <div className={className}>
      {legend ? <Legend {...legend} /> : null}
      <div role="img" aria-label={label} data-drill={drill ? "" : undefined}>
        <div aria-hidden="true" ref={hidden}>
          {children}
        </div>
      </div>
    </div>
  );
}

/**
 * Drill-down: `links` maps an index value (a bar's or slice's label) to the filtered view it opens; a
 * click on that bar or slice navigates there. Pointer only: the widget's table or list beside the chart
 * holds the same links for the keyboard.
 */
function useDrill(index: string, links: Record<string, string> | undefined) {
  const router = useRouter();
  if (!links) return undefined;
  return (v: EventProps) => {
    if (!v || (v.eventType !== "bar" && v.eventType !== "slice")) return;
    const href = links[String(v[index])];
    if (href) router.push(href);
  };
}

/** Vertical bars per category (e.g. per week or per task type). */
export function Bars({
  data,
  index,
  categories,
  colors,
  format = "int",
  stack = false,
  layout = "horizontal",
  className = "h-60",
  yAxisWidth = 48,
  label,
  links,
}: {
  data: Row[];
  index: string;
  categories: string[];
  colors?: string[];
  format?: ChartFormat;
  stack?: boolean;
  layout?: "horizontal" | "vertical";
  className?: string;
  yAxisWidth?: number;
  label: string;
  /** Index value → href of its drill-down (see `useDrill`). */
  links?: Record<string, string>;
}) {
  const onValueChange = useDrill(index, links);
  const barColors = colors ?? ["blue", "emerald", "amber", "rose", "violet", "cyan"];
  // Horizontal bars (layout "vertical") name every category on the y axis: each row gets room enough
  // that recharts never skips a label, however many categories there are.
  const perRow = Math.max(24, 12 + 10 * (stack ? 1 : categories.length));
  const style =
    layout === "vertical"
      ? { height: `${data.length * perRow + (categories.length > 1 ? 64 : 32)}px` }
      : undefined;
  return (
    <ChartFrame label={label} drill={Boolean(links)} legend={{ categories, colors: barColors }}>
      <BarChart
        {...seriesProps({ data, index, categories, colors: barColors, format, className })}
        stack={stack}
        layout={layout}
        yAxisWidth={yAxisWidth}
        style={style}
        onValueChange={onValueChange}
      />
    </ChartFrame>
  );
}

/** Area chart (time series). */
export function Areas({
  data,
  index,
  categories,
  colors,
  format = "int",
  className = "h-60",
  label,
}: {
  data: Row[];
  index: string;
  categories: string[];
  colors?: string[];
  format?: ChartFormat;
  className?: string;
  label: string;
}) {
  const areaColors = colors ?? ["emerald", "blue"];
  return (
    <ChartFrame label={label} legend={{ categories, colors: areaColors }}>
      <AreaChart
        {...seriesProps({ data, index, categories, colors: areaColors, format, className })}
        yAxisWidth={52}
      />
    </ChartFrame>
  );
}

/** Donut with a legend list. */
export function Donut({
  data,
  category,
  index,
  colors,
  format = "int",
  label,
  links,
}: {
  data: Row[];
  category: string;
  index: string;
  colors?: string[];
  format?: ChartFormat;
  label: string;
  /** Index value → href of its drill-down (see `useDrill`). */
  links?: Record<string, string>;
}) {
  const onValueChange = useDrill(index, links);
  return (
    <ChartFrame label={label} className="w-40 shrink-0" drill={Boolean(links)}>
      <DonutChart
        data={data}
        category={category}
        index={index}
        colors={colors ?? ["emerald", "amber", "rose", "gray", "blue"]}
        valueFormatter={FORMATS[format]}
        className="h-40"
        showAnimation={false}
        onValueChange={onValueChange}
      />
    </ChartFrame>
  );
}

/** Tiny trend line for table rows. */
export function Sparkline({
  data,
  label,
  color = "blue",
}: {
  data: number[];
  label: string;
  color?: string;
}) {
  return (
    <ChartFrame label={label} className="w-28">
      <SparkAreaChart
        data={data.map((v, i) => ({ i, v }))}
        index="i"
        categories={["v"]}
        colors={[color]}
        className="h-8 w-28"
      />
    </ChartFrame>
  );
}
