import { useEffect } from "react";
import { ipc } from "../ipc";

const ACTIVITY_EVENTS = ["keydown", "mousemove", "mousedown", "wheel", "touchstart"] as const;

// Rust runs the 30-minute idle timer (FZ-IDLE-30); it only needs to hear now and then that
// someone is at the keyboard, not about every mouse move.
export const REPORT_INTERVAL_MS = 20_000;

export function useActivityReporter() {
  useEffect(() => {
    let lastReport = Number.NEGATIVE_INFINITY;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastReport < REPORT_INTERVAL_MS) return;
      lastReport = now;
      ipc.reportActivity().catch(() => {
        // Let the next input try again rather than stay silent for another interval.
        lastReport = Number.NEGATIVE_INFINITY;
      });
    };
    const options = { capture: true, passive: true } as const;
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, options);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, options);
    };
  }, []);
}
