import { useTranslation } from "react-i18next";
import { userTime } from "./time";

/** An instant by the one rule: the user's own time, and Helsinki time beside it when it differs. */
export function UserTime({ iso, options }: { iso: string; options?: Intl.DateTimeFormatOptions }) {
  const { t, i18n } = useTranslation();
  const { local, service } = userTime(iso, i18n.language, options);
  return (
    <time dateTime={iso} className="user-time">
      {local}
      {service !== null && <span className="user-time__service"> {t("time.helsinki", { time: service })}</span>}
    </time>
  );
}
