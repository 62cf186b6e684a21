import { useTranslation } from "react-i18next";
import { formatDateTime, formatInZone } from "./time";

/**
 * An instant as the service's time zone reads it, which is what its clauses count in; the
 * user's own clock time is on hover when it reads differently.
 */
export function ZonedTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const zoned = formatInZone(iso, i18n.language, timeZone);
  const local = formatDateTime(iso, i18n.language);
  return (
    <time dateTime={iso} title={local === zoned ? undefined : t("time.local", { time: local })}>
      {zoned}
    </time>
  );
}
