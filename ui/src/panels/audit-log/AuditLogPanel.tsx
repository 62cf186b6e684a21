import { useTranslation } from "react-i18next";
import { PanelPlaceholder } from "../../shared/PanelPlaceholder";

export function AuditLogPanel() {
  const { t } = useTranslation();
  return <PanelPlaceholder title={t("nav.auditLog")} description={t("panels.auditLog")} />;
}
