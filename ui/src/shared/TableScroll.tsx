import type { ReactNode } from "react";

/**
 * The horizontal scroller of a table that may be wider than its card. It takes focus, so a
 * keyboard alone can scroll it with the arrow keys (axe-core's scrollable-region-focusable
 * found the Uptime incidents table out of reach).
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      {children}
    </div>
  );
}
