import { useMemo, useSyncExternalStore } from "react";

const DARK = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia?.(DARK);
  query?.addEventListener("change", onChange);
  return () => query?.removeEventListener("change", onChange);
}

const isDark = () => window.matchMedia?.(DARK).matches ?? false;

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
 * they are read again whenever the OS switches between light and dark.
 */
export function useChartTheme(): ChartTheme {
  const dark = useSyncExternalStore(subscribe, isDark);
  return useMemo(() => {
    // `dark` is what makes the computed values change.
    void dark;
    const style = getComputedStyle(document.documentElement);
    const entries = Object.entries(VARIABLES).map(([key, name]) => [key, style.getPropertyValue(name).trim()]);
    // ECharts measures text for its layout by this name; "inherit" would measure another font.
    return { ...Object.fromEntries(entries), font: style.fontFamily } as ChartTheme;
  }, [dark]);
}
