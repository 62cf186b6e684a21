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
