import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function BackupsPanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.backups")} description={t("panels.backups")} />;
}
