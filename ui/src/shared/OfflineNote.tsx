import { useTranslation } from "react-i18next";
import { formatDateTime, formatInZone } from "./time";

type Props = {
  /** When the copy shown was taken; null when nothing is cached. */
  asOf: string | null;
  /** A panel that reads all its times in one zone (the service's) says this one in it too. */
  timeZone?: string;
};

/** What every panel says, in the same words, when it shows the cache because the service cannot be reached. */
export function OfflineNote({ asOf, timeZone }: Props) {
  const { t, i18n } = useTranslation();
  if (asOf === null) {
    return (
      <p role="status" className="offline-banner">
        {t("shell.offlineNothingCached")}
      </p>
    );
  }
  const time = timeZone ? formatInZone(asOf, i18n.language, timeZone) : formatDateTime(asOf, i18n.language);
  return (
    <p role="status" className="offline-banner">
      {t("shell.offlineAsOf", { time })}
    </p>
  );
}
