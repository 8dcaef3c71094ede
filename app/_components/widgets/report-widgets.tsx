/**
 * Transitional re-exports while the dashboard pages move to the one-file-per-widget imports; removed
 * once no page imports this file.
 */

export { EffectivenessWidget } from "./effectiveness-widget";
export { EstimationWidget } from "./estimation-widget";
export { GapsWidget } from "./gaps-widget";
export { IssuesWidget } from "./issues-widget";
export { OutcomesWidget } from "./outcomes-widget";
export { RequestsWidget } from "./requests-widget";
export { RoiWidget } from "./roi-widget";
export { TaskTypeWidget } from "./task-type-widget";
export { TokensWidget } from "./tokens-widget";
export { TrendWidget } from "./trend-widget";
