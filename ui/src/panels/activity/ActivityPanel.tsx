import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function ActivityPanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.activity")} description={t("panels.activity")} />;
}
