// The one place that touches ECharts. Only the charts and components the panels use are
// registered, so the bundle carries those and not the whole library; SVG keeps text crisp
// at any zoom of the webview.
import {
  BarChart,
  HeatmapChart,
  LineChart,
  type BarSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
} from "echarts/charts";
import {
  CalendarComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  type CalendarComponentOption,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
// echarts' `use` registers chart parts; it is not a React hook, so it is imported under
// another name.
import { init, use as registerParts, type ComposeOption, type ECharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

registerParts([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  CalendarComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapPiecewiseComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | CalendarComponentOption
  | VisualMapComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;

type EChartProps = {
  option: ChartOption;
  /** What the chart shows, for screen readers; the panel shows the same figures as text. */
  label: string;
  height: number;
};

export function EChart({ option, label, height }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, null, { renderer: "svg" });
    chart.current = instance;
    // The sidebar layout and window both change the width; the chart does not see either.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Replaces rather than merges, so a series or zoom that is gone does not linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} className="chart" role="img" aria-label={label} style={{ height }} />;
}
