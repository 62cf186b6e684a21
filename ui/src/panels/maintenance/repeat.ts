// The repeat choices a calendar offers, written as the RRULE the service expands in
// Helsinki time; "custom" takes an RRULE as typed.
import { DateTime } from "luxon";
import { HELSINKI } from "./helsinki";

export const REPEATS = ["none", "daily", "weekly", "biweekly", "monthly", "custom"] as const;
export type Repeat = (typeof REPEATS)[number];

const CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** The start's weekday (1 = Monday) and which of that weekday in its month it is; 5 is the last. */
export function startParts(input: string): { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; nth: 1 | 2 | 3 | 4 | 5 } | null {
  const start = DateTime.fromFormat(input, "yyyy-MM-dd'T'HH:mm", { zone: HELSINKI });
  if (!start.isValid) return null;
  const last = start.plus({ weeks: 1 }).month !== start.month;
  const nth = last ? 5 : (Math.ceil(start.day / 7) as 1 | 2 | 3 | 4);
  return { weekday: start.weekday, nth };
}

/** The RRULE for a choice, `count` occurrences long; empty for no repeat. */
export function ruleFor(repeat: Repeat, startInput: string, count: number, custom: string): string {
  if (repeat === "none") return "";
  if (repeat === "custom") return custom.trim();
  const parts = startParts(startInput);
  const n = Number.isFinite(count) && count > 0 ? Math.floor(count) : 1;
  const day = parts ? CODES[parts.weekday - 1] : undefined;
  switch (repeat) {
    case "daily":
      return `FREQ=DAILY;COUNT=${n}`;
    case "weekly":
      return `FREQ=WEEKLY;COUNT=${n}`;
    case "biweekly":
      return `FREQ=WEEKLY;INTERVAL=2;COUNT=${n}`;
    case "monthly":
      // The 5th of a weekday is not in every month: "last" is what people mean by it.
      return parts && day ? `FREQ=MONTHLY;BYDAY=${parts.nth === 5 ? -1 : parts.nth}${day};COUNT=${n}` : "";
  }
}
