// Rust sends UTC RFC 3339 instants; people read them in their own time zone and language.
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** Like formatDateTime, but read in the given IANA time zone (the service's business calendar). */
export function formatInZone(iso: string, language: string, timeZone: string, options?: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { ...(options ?? { dateStyle: "medium", timeStyle: "short" }), timeZone }).format(date);
}

/** The clauses' time zone: maintenance, backups and the SLA are counted in it. */
export const SERVICE_TIME_ZONE = "Europe/Helsinki";

export type UserTime = {
  /** In the user's own time zone. */
  local: string;
  /** In Helsinki time, when it reads differently from `local`; otherwise null. */
  service: string | null;
};

/**
 * The one rule for showing an instant: the user's own time, with Helsinki time beside it
 * where the two read differently.
 */
export function userTime(iso: string, language: string, options?: Intl.DateTimeFormatOptions): UserTime {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { local: iso, service: null };
  const shape = options ?? { dateStyle: "medium", timeStyle: "short" };
  const local = new Intl.DateTimeFormat(language, shape).format(date);
  const service = new Intl.DateTimeFormat(language, { ...shape, timeZone: SERVICE_TIME_ZONE }).format(date);
  return { local, service: service === local ? null : service };
}

/** `userTime` as one line of text, for tables, chart tooltips and exports. */
export function userTimeText(iso: string, language: string, options?: Intl.DateTimeFormatOptions): string {
  const { local, service } = userTime(iso, language, options);
  return service === null ? local : `${local} (Helsinki ${service})`;
}
