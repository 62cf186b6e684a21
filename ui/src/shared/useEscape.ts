import { useEffect, useRef } from "react";

// Open drawers and dialogs, innermost last: Esc closes only the one on top.
const open: Array<() => void> = [];

function onKeyDown(event: KeyboardEvent) {
  const close = open.at(-1);
  if (event.key !== "Escape" || !close) return;
  event.preventDefault();
  close();
}

/** Esc closes this drawer or dialog while it is the innermost one open. */
export function useEscape(close: () => void) {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  }, [close]);
  useEffect(() => {
    const handler = () => latest.current();
    open.push(handler);
    if (open.length === 1) document.addEventListener("keydown", onKeyDown);
    return () => {
      open.splice(open.indexOf(handler), 1);
      if (open.length === 0) document.removeEventListener("keydown", onKeyDown);
    };
  }, []);
}
