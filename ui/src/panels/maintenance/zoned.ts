// What the shell's maintenance banner needs, without luxon: the banner is on every screen,
// so it is in the start-up chunk, and luxon comes with the maintenance panel only.

export const HELSINKI = "Europe/Helsinki";

/** An instant as `zone` reads it: weekday, date and time (luxon's DATETIME_MED_WITH_WEEKDAY). */
export function formatIn(iso: string, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    timeZone: zone,
  }).format(new Date(iso));
}
