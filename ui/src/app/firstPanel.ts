import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ipc } from "../ipc";

let reported = false;

/**
 * Says once per window when its first screen is drawn with its data, so the console starts
 * the work that can wait (update check, syncs) only then (issue 18). A failure to say so is
 * harmless: the console runs that work after a fallback delay anyway.
 */
export function reportFirstPanelDrawn(panel: string): void {
  if (reported) return;
  reported = true;
  void ipc.firstPanelDrawn(panel).catch(() => undefined);
}

/** Lets a test start from a fresh window. */
export function resetFirstPanelReport(): void {
  reported = false;
}

/**
 * Calls `onDrawn` once the screen that mounted it has no first load in flight (no query
 * still fetching without data) and the browser has painted the result. Mounted beside a
 * lazy panel inside its Suspense boundary, it runs only once the panel's code is in, and
 * after the panel's own queries started (children's effects run before their parent's).
 */
export function useDrawn(key: string, onDrawn: (key: string) => void): void {
  const client = useQueryClient();
  useEffect(() => {
    let done = false;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const firstLoads = () => client.isFetching({ predicate: (query) => query.state.data === undefined });
    const check = () => {
      if (done || firstLoads() > 0) return;
      done = true;
      unsubscribe();
      // After the paint that shows the data, not merely the commit that queued it.
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => onDrawn(key), 0);
      });
    };
    const unsubscribe = client.getQueryCache().subscribe(check);
    check();
    // A screen gone before its paint was never drawn: the report it queued is dropped (it
    // also fired after a test's window was torn down).
    return () => {
      done = true;
      unsubscribe();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [client, key, onDrawn]);
}

/** Reports a panel as drawn: the first one to the console, every one to the page (benchmark). */
export function panelDrawn(panel: string): void {
  reportFirstPanelDrawn(panel);
  window.dispatchEvent(new CustomEvent("panel-drawn", { detail: panel }));
}

/** Mounted inside a panel's Suspense boundary, after the panel. */
export function DrawnProbe({ panel }: { panel: string }): null {
  useDrawn(panel, panelDrawn);
  return null;
}
