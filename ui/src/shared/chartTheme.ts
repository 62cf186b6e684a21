import { useMemo } from "react";
import { useThemeName } from "./theme";

const VARIABLES = {
  text: "--text",
  muted: "--text-muted",
  border: "--border",
  surface: "--surface",
  accent: "--accent",
  up: "--state-up",
  degraded: "--state-degraded",
  down: "--state-down",
  noData: "--state-no-data",
  maintenance: "--state-maintenance",
  backedUp: "--state-backed-up",
} as const;

export type ChartTheme = Record<keyof typeof VARIABLES | "font", string>;

/**
 * The app's colours from styles.css, resolved: canvas and SVG charts cannot use var(), so
 * they are read again whenever the theme changes (the OS's or Settings').
 */
export function useChartTheme(): ChartTheme {
  const theme = useThemeName();
  return useMemo(() => {
    // `theme` is what makes the computed values change.
    void theme;
    const style = getComputedStyle(document.querySelector(".theme-root") ?? document.documentElement);
    const entries = Object.entries(VARIABLES).map(([key, name]) => [key, style.getPropertyValue(name).trim()]);
    // ECharts measures text for its layout by this name; "inherit" would measure another font.
    return { ...Object.fromEntries(entries), font: style.fontFamily } as ChartTheme;
  }, [theme]);
}
