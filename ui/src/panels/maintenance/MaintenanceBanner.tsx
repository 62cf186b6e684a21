import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { formatIn, HELSINKI } from "./zoned";
import { useAnnouncements } from "./queries";

/** What the sign-in page announces, shown above every panel while it is upcoming. */
export function MaintenanceBanner() {
  const { t, i18n } = useTranslation();
  const { data } = useAnnouncements();
  const next = data?.find((a) => a.kind === "maintenance");
  if (!next) return null;
  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      role="note"
      aria-labelledby={undefined}
      aria-label={t("shell.maintenance.bannerLabel")}
      className="shell__banner"
    >
      <MessageBarBody>
        {t("shell.maintenance.banner", { title: next.title, time: formatIn(next.at, HELSINKI, i18n.language) })}
      </MessageBarBody>
    </MessageBar>
  );
}
