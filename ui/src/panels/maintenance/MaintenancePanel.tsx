import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function MaintenancePanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.maintenance")} description={t("panels.maintenance")} />;
}
