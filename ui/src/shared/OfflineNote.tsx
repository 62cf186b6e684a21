import { useTranslation } from "react-i18next";
import type { Kept } from "../bindings";
import { formatDateTime, formatInZone } from "./time";

type Props = {
  /** The panel's data as the console answered it: fresh, or the copy kept in the cache. */
  kept: Pick<Kept<unknown>, "fetched_at" | "from_cache">;
  /** A panel that reads all its times in one zone (the service's) says this one in it too. */
  timeZone?: string;
};

/**
 * What every panel says, in the same words, when it shows the copy kept in the cache because
 * the service cannot be reached; nothing when the data is fresh.
 */
export function OfflineNote({ kept, timeZone }: Props) {
  const { t, i18n } = useTranslation();
  if (!kept.from_cache) return null;
  if (kept.fetched_at === null) {
    return (
      <p role="status" className="offline-banner">
        {t("shell.offlineNothingCached")}
      </p>
    );
  }
  const asOf = kept.fetched_at;
  const time = timeZone ? formatInZone(asOf, i18n.language, timeZone) : formatDateTime(asOf, i18n.language);
  return (
    <p role="status" className="offline-banner">
      {t("shell.offlineAsOf", { time })}
    </p>
  );
}
