import { useEffect, useState } from "react";

/** The wall clock, read again every `everyMs`: a countdown or an age goes on moving offline. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
