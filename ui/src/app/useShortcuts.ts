import { useEffect } from "react";
import { PANEL_IDS, type PanelId } from "./panels";

/**
 * The desktop's keys: Ctrl+1…8 (Cmd on macOS) switch panels in sidebar order, Ctrl/Cmd+F
 * focuses the open panel's search field.
 */
export function useShortcuts(select: (panel: PanelId) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = Number(event.key) - 1;
      const panel = Number.isInteger(index) ? PANEL_IDS[index] : undefined;
      if (panel) {
        event.preventDefault();
        select(panel);
        return;
      }
      if (event.key.toLowerCase() === "f") {
        const search = document.querySelector<HTMLInputElement>("main [data-panel-search], main input[type='search']");
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [select]);
}
