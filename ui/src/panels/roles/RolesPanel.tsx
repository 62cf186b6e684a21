import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function RolesPanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.roles")} description={t("panels.roles")} />;
}
