import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function UptimePanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.uptime")} description={t("panels.uptime")} />;
}
