import { useTranslation } from "react-i18next";
import { formatIn, HELSINKI } from "./zoned";
import { useAnnouncements } from "./queries";
import "./banner.css";

/** What the sign-in page announces, shown above every panel while it is upcoming. */
export function MaintenanceBanner() {
  const { t, i18n } = useTranslation();
  const { data } = useAnnouncements();
  const next = data?.find((a) => a.kind === "maintenance");
  if (!next) return null;
  return (
    <p className="demo-notice maintenance-banner" role="note" aria-label={t("shell.maintenance.bannerLabel")}>
      {t("shell.maintenance.banner", { title: next.title, time: formatIn(next.at, HELSINKI, i18n.language) })}
    </p>
  );
}
