// The clauses count in Helsinki time; people may sit elsewhere, so both are shown.
import { DateTime } from "luxon";
import { HELSINKI } from "./zoned";

export { formatIn, HELSINKI } from "./zoned";
const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** A UTC instant as the value of a datetime-local input showing Helsinki time. */
export function toHelsinkiInput(iso: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(HELSINKI).toFormat(INPUT_FORMAT);
}

/** A datetime-local value meant as Helsinki time, as a UTC instant; null when unreadable. */
export function fromHelsinkiInput(value: string): string | null {
  const parsed = DateTime.fromFormat(value, INPUT_FORMAT, { zone: HELSINKI });
  return parsed.isValid ? parsed.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** True when the user's clock reads differently from Helsinki at that instant. */
export function localDiffers(iso: string, zone = localZone()): boolean {
  const at = DateTime.fromISO(iso, { zone: "utc" });
  return at.setZone(zone).offset !== at.setZone(HELSINKI).offset;
}

/** Whole days, hours and minutes of a span, largest first: [d, h, min]. */
export function splitMinutes(total: number): [number, number, number] {
  const minutes = Math.max(0, Math.floor(total));
  return [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
}
